from __future__ import annotations

import pytest

from hoopoe.resolve.actors import ActorKB


@pytest.fixture(scope="session")
def kb() -> ActorKB:
    return ActorKB.load()
