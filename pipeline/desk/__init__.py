"""The province desk (`campaign serve`): a web page and a JSON API where each province
reviews, requests and collects its own assets (docs/desk.md)."""
