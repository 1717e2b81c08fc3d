"""A head's definition: its labels, its pattern features, whether it reads context, and where its files live."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from copilot.errors import ConfigError
from copilot.reader.features import PatternFeature


@dataclass(frozen=True)
class HeadSpec:
    """Everything train.py and Reader need to know about one head, besides its data and weights."""

    name: str
    labels: tuple[str, ...]
    patterns: tuple[PatternFeature, ...]
    use_context: bool = False  # adds cosine and word overlap with the other speaker's last turn
    l2: float = 1.0
    thresholds: dict[str, float] = field(default_factory=dict)  # label -> threshold (default 0.5)
    positive_weight: dict[str, float] = field(default_factory=dict)  # label -> weight of its positives

    def threshold(self, label: str) -> float:
        """The probability at which the label is read as present."""
        return self.thresholds.get(label, 0.5)

    @property
    def data_dir(self) -> Path:
        """copilot/reader/data/<name>/: the labelled YAML files this head is trained (and held out) on."""
        return package_dir() / "data" / self.name

    @property
    def weights_path(self) -> Path:
        """copilot/reader/weights/<name>.npz: the committed head."""
        return package_dir() / "weights" / f"{self.name}.npz"


def package_dir() -> Path:
    """The installed copilot/reader folder."""
    return Path(str(resources.files("copilot.reader")))


def load_spec(name: str) -> HeadSpec:
    """The SPEC of module copilot.reader.specs.<name>; an unknown name lists the known ones."""
    if not name.isidentifier():
        raise ConfigError("reader head", f"{name!r} is not a head name", fix=f"use one of {', '.join(known_heads())}")
    try:
        module = importlib.import_module(f"copilot.reader.specs.{name}")
    except ModuleNotFoundError as exc:
        raise ConfigError(
            "reader head", f"no head named {name!r}", fix=f"use one of {', '.join(known_heads()) or '(none)'}"
        ) from exc
    spec = getattr(module, "SPEC", None)
    if not isinstance(spec, HeadSpec):
        raise ConfigError("reader head", f"copilot.reader.specs.{name} has no SPEC", fix="define SPEC = HeadSpec(...)")
    return spec


def known_heads() -> list[str]:
    """Heads that have a spec module."""
    folder = package_dir() / "specs"
    return sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
