"""What a request tells the voices about this machine: where the TTS cache is and which
gTTS endpoint to ask. A module of its own so a request is built without the audio stack."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_CACHE = "CAMPAIGN_TTS_CACHE"
ENV_GTTS_URL = "CAMPAIGN_GTTS_URL"
ENV_GTTS_TIMEOUT = "CAMPAIGN_GTTS_TIMEOUT_S"


@dataclass(frozen=True)
class VoiceSettings:
    cache_dir: Path
    gtts_endpoint: str | None = None
    gtts_timeout_s: float = 10.0

    @classmethod
    def from_environment(cls, root: Path) -> VoiceSettings:
        """Defaults under the project; CAMPAIGN_TTS_CACHE, CAMPAIGN_GTTS_URL and
        CAMPAIGN_GTTS_TIMEOUT_S override them (the edge where the environment is read)."""
        env = os.environ
        return cls(Path(env.get(ENV_CACHE) or Path(root) / ".cache" / "tts"),
                   env.get(ENV_GTTS_URL) or None,
                   float(env.get(ENV_GTTS_TIMEOUT) or 10.0))
