"""Zeebe-style keys: the partition id in the top bits, a counter below."""

from __future__ import annotations

__all__ = ["KeyGenerator", "partition_of"]

_PARTITION_SHIFT = 51


class KeyGenerator:
    """Mint keys per partition, as ``(partition << 51) + counter``."""

    def __init__(self, partitions: int = 1) -> None:
        if partitions < 1:
            raise ValueError("partitions must be at least 1")
        self.partitions = partitions
        self._counters = [0] * (partitions + 1)

    def next(self, partition: int = 1) -> int:
        """Return the next key on ``partition`` (1-based)."""
        self._counters[partition] += 1
        return (partition << _PARTITION_SHIFT) + self._counters[partition]

    def reset(self) -> None:
        """Start every counter again from zero."""
        self._counters = [0] * (self.partitions + 1)


def partition_of(key: int) -> int:
    """Return the partition encoded in ``key``."""
    return key >> _PARTITION_SHIFT
