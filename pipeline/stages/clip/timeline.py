"""Scenes in a row: which scene owns a frame, how it enters, and the captions over it.

`frame(i)` is a pure function of the frame index (scenes and transitions are pure
functions of time); it returns a buffer that stays valid until the next call.
`shared_prefix()` says how many frames from the start show nothing of the province: the
opening that every province's clip has in common (clip.shared encodes it once); `shown(i)`
says which frames are the same picture (clip.parts encodes a still once).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from .captions import Burner
from .easing import EASINGS, progress
from .scenes import Scene
from .transitions import Fader, cut, push, slide, wipe, zoom


@dataclass(frozen=True)
class Slot:
    scene: Scene
    start_frame: int
    frames: int
    transition: str
    transition_frames: int
    easing: str


class Timeline:
    def __init__(self, slots: list[Slot], fps: int, backdrop: np.ndarray, burner: Burner):
        self.slots = slots
        self.fps = fps
        self.frame_count = slots[-1].start_frame + slots[-1].frames
        self.size = (backdrop.shape[1], backdrop.shape[0])
        self._starts = [slot.start_frame for slot in slots]
        self._backdrop = backdrop
        self._burner = burner
        self._out = np.empty_like(backdrop)
        self._fader = Fader(backdrop.shape)
        self._last_frames: dict[int, np.ndarray] = {}
        self.voiced: tuple = ()          # the voice's lines as placed (clip.voice)
        self.spoken = None               # the radio stage's mastered lines, when voiced

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps

    def index_at(self, t: float) -> int:
        return max(0, min(self.frame_count - 1, int(round(t * self.fps))))

    def frame_at(self, t: float) -> np.ndarray:
        """moviepy's frame_function: t in seconds."""
        return self.frame(self.index_at(t))

    def slot_of(self, i: int) -> int:
        return bisect.bisect_right(self._starts, i) - 1

    def scene_frame(self, k: int, j: int) -> np.ndarray:
        slot = self.slots[k]
        return slot.scene.frame_at(j / self.fps, self._burner.draws(slot.start_frame + j))

    def _place(self, i: int) -> tuple[int, Slot, int, bool]:
        """(slot index, slot, frame within the slot, whether its transition still runs)."""
        k = self.slot_of(i)
        slot = self.slots[k]
        j = i - slot.start_frame
        return k, slot, j, slot.transition != "cut" and j < slot.transition_frames

    def frame(self, i: int) -> np.ndarray:
        k, slot, j, entering = self._place(i)
        if not entering:
            return self.scene_frame(k, j)
        prev = self._previous(k)
        cur = self.scene_frame(k, j)
        p = progress(j, 0, slot.transition_frames, EASINGS[slot.easing])
        moves = {"fade": self._fader, "slide": slide, "push": push, "wipe": wipe,
                 "zoom": zoom, "cut": cut}
        moves[slot.transition](prev, cur, p, self._out)
        return self._out

    def shown(self, i: int) -> tuple | None:
        """What frame `i` shows, as a value: frames with equal values are equal (None,
        during a transition, equals nothing)."""
        k, slot, j, entering = self._place(i)
        if entering:
            return None
        return k, slot.scene.shown(j / self.fps, self._burner.draws(i))

    def caption_at(self, i: int) -> tuple:
        """The burned caption over frame `i` (equal values, the same plate)."""
        return self._burner.draws(i)

    def same_everywhere(self, i: int) -> bool:
        """Whether frame `i` shows nothing of the province: its scene at that time, the
        scene a transition leaves, and any burned caption over them."""
        k, slot, j, entering = self._place(i)
        if not slot.scene.same_everywhere(j / self.fps):
            return False
        if slot.scene.local and self._burner.draws(i):
            return False                       # the local scene's caption (its words)
        return not entering or k == 0 or not self.slots[k - 1].scene.local

    def shared_prefix(self) -> int:
        """How many frames from the start show nothing of the province."""
        count = 0
        while count < self.frame_count and self.same_everywhere(count):
            count += 1
        return count

    def _previous(self, k: int) -> np.ndarray:
        """The frame a transition starts from: the last of the previous scene, or the
        plain background before the first."""
        if k == 0:
            return self._backdrop
        frame = self._last_frames.get(k)
        if frame is None:
            before = self.slots[k - 1]
            frame = self.scene_frame(k - 1, before.frames - 1).copy()
            self._last_frames = {k: frame}          # one at a time: frames are 6 MB
        return frame
