"""Local development: `make run`. DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=True)
# A throw-away key for a developer's own machine only; production.py refuses to start without one.
SECRET_KEY = SECRET_KEY or "local-development-only-not-a-secret"
