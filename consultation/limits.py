"""How many answers a client may send, per scope: (requests, window in
seconds). A project may override them with the CONSULTATION_RATE_LIMITS
setting. Plain data, without Django imports, so settings can read it."""

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "survey": (10, 600),
    "kiosk": (600, 600),
    "consultation": (10, 600),
    "poll": (20, 600),
    "comment": (20, 600),
}
