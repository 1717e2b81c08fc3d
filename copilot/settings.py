"""The one typed settings object, read from `COPILOT_*` environment variables and built at the entry point."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LLMBackend = Literal["llamacpp", "openai", "fake"]
EmbeddingBackend = Literal["minilm", "openai", "fake"]
MODEL_FEATURES: tuple[str, ...] = ("prep_questions", "ask", "roleplay_buyer")


def default_data_dir() -> Path:
    """A per-user folder, following XDG on Linux, so one laptop user needs no configuration."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sales-coaching-copilot"


class Settings(BaseSettings):
    """Every knob of the copilot; each field is documented in docs/settings.md (a test checks it)."""

    model_config = SettingsConfigDict(env_prefix="COPILOT_", env_file=None, extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder for the vector index, the SQLite database, files uploaded in the web app (uploads/) "
        "and logs.",
    )
    knowledge_dir: Path | None = Field(
        default=None,
        description="Knowledge-base folder loaded on first run; defaults to the bundled demo knowledge base. "
        "The copilot only reads it: web-app uploads go to COPILOT_DATA_DIR/uploads.",
    )
    llm_backend: LLMBackend = Field(
        default="llamacpp",
        description="`llamacpp` (embedded, default), `openai` (any OpenAI-compatible endpoint) or `fake` (tests).",
    )
    llm_model: str = Field(
        default="",
        description="llamacpp: path to a GGUF file (empty = the bundled SmolLM2-135M-Instruct); "
        "openai: the model name the endpoint serves.",
    )
    llm_base_url: str = Field(
        default="",
        description="Base URL of an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (empty = api.openai.com).",
    )
    llm_api_key: str = Field(
        default="", description="API key for the endpoint; local servers accept any non-empty value."
    )
    llm_json_mode: Literal["json_schema", "json_object", "none"] = Field(
        default="json_schema",
        description="How structured output is requested from an `openai` endpoint: `json_schema` (OpenAI, vLLM), "
        "`json_object` (llama.cpp server, which takes the schema inside json_object) or `none` (validate only).",
    )
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds to wait for one model call.")
    llm_retries: int = Field(default=2, ge=0, le=10, description="Retries (with backoff) for a failed remote call.")
    temperature: float = Field(default=0.2, ge=0.0, le=2.0, description="Sampling temperature.")
    max_tokens: int = Field(default=512, gt=0, le=32768, description="Most tokens one answer may generate.")
    context_window: int = Field(
        default=2048,
        ge=512,
        le=1_000_000,
        description="The model's context window in tokens; prompts are packed to fit.",
    )
    threads: int = Field(
        default=0, ge=0, le=256, description="CPU threads for the embedded model and embedder (0 = all cores)."
    )
    embedding_backend: EmbeddingBackend = Field(
        default="minilm",
        description="`minilm` (offline all-MiniLM-L6-v2 on onnxruntime, default), `openai` or `fake` (tests).",
    )
    embedding_model: str = Field(
        default="text-embedding-3-small",
        description="Model name for the `openai` embedding backend.",
    )
    embedding_base_url: str = Field(
        default="", description="Base URL for the `openai` embedding backend (empty = same as COPILOT_LLM_BASE_URL)."
    )
    chroma_url: str = Field(
        default="",
        description="Chroma server URL (e.g. http://127.0.0.1:8001); empty = embedded Chroma in COPILOT_DATA_DIR/chroma.",
    )
    chroma_collection: str = Field(
        default="knowledge", description="Name of the Chroma collection for the knowledge base."
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL of the records database; empty = SQLite in COPILOT_DATA_DIR/copilot.db. "
        "PostgreSQL: postgresql+psycopg://user@host/db.",
    )
    host: str = Field(
        default="127.0.0.1",
        description="Address `copilot serve` binds to; single-user mode refuses any non-loopback address.",
    )
    port: int = Field(default=7860, ge=1, le=65535, description="Port `copilot serve` listens on.")
    auth: Literal["none", "team"] = Field(
        default="none",
        description="`none`: single-user mode, no login, you act as the local admin (default; loopback only). "
        "`team`: the web app asks for an email and password and each person sees what their role allows (see "
        "docs/ui.md); required to serve on a network address.",
    )
    public_url: str = Field(
        default="",
        description="The address people open, e.g. https://coach.example.com behind the reverse proxy (empty = the "
        "address `copilot serve` binds to). Its origin and host are allowed; https makes every sign-in cookie Secure.",
    )
    allowed_origins: str = Field(
        default="",
        description="Comma-separated extra origins (scheme://host[:port]) whose pages may call the web app; every "
        "other Origin is refused with 403. The served address and COPILOT_PUBLIC_URL are always allowed.",
    )
    judge_model: str = Field(
        default="",
        description="Model name of an OpenAI-compatible endpoint that grades eval output (empty = no judge "
        "metrics). Never the embedded model: `copilot eval` refuses a .gguf path or the bundled SmolLM2.",
    )
    judge_base_url: str = Field(
        default="", description="Base URL of the judge's OpenAI-compatible endpoint (empty = api.openai.com)."
    )
    judge_api_key: str = Field(default="", description="API key for the judge endpoint (empty = COPILOT_LLM_API_KEY).")
    judge_samples: int = Field(
        default=3, ge=1, le=15, description="Judge samples per graded item; the verdict is their majority vote."
    )
    max_upload_bytes: int = Field(
        default=10_000_000,
        ge=1_000,
        description="Largest knowledge file the web app accepts for upload, in bytes; bigger "
        "uploads are refused before they are read.",
    )
    max_transcript_bytes: int = Field(
        default=1_000_000,
        ge=1_000,
        description="Largest transcript `copilot review` and the web app's reviews accept, in bytes (a 2-hour call is "
        "about 150 KB); bigger ones are refused before any work.",
    )

    model_features: str = Field(
        default="auto",
        description="Which features ask the model to write: `auto` (those whose output the evals did not find "
        "replaced in most cases for this backend), `all`, `none`, or a comma list of prep_questions, ask, "
        "roleplay_buyer.",
    )

    @field_validator("model_features")
    @classmethod
    def _features(cls, value: str) -> str:
        value = value.strip()
        if value.lower() in ("auto", "all", "none"):
            return value.lower()
        unknown = [p.strip() for p in value.split(",") if p.strip() and p.strip() not in MODEL_FEATURES]
        if unknown or not value:
            raise ValueError(f"use auto, all, none or a comma list of {', '.join(MODEL_FEATURES)}")
        return value

    @field_validator("llm_base_url", "embedding_base_url", "chroma_url", "judge_base_url", "public_url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def chroma_path(self) -> Path:
        """Where embedded Chroma keeps its files."""
        return self.data_dir / "chroma"

    @property
    def resolved_knowledge_dir(self) -> Path:
        """The knowledge folder: the setting, else the repository's `knowledge/`, else the copy inside a wheel."""
        if self.knowledge_dir is not None:
            return self.knowledge_dir
        package = Path(__file__).resolve().parent
        for candidate in (package.parent / "knowledge", package / "_bundled_knowledge"):
            if candidate.is_dir():
                return candidate
        return package.parent / "knowledge"

    @property
    def uploads_dir(self) -> Path:
        """Where the web app saves uploaded knowledge files: the data folder, never the (maybe read-only) install."""
        return self.data_dir / "uploads"

    @property
    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL actually used."""
        return self.database_url or f"sqlite:///{self.data_dir / 'copilot.db'}"

    @property
    def resolved_threads(self) -> int:
        """Threads to use, never more than the machine has."""
        return self.threads or max(1, os.cpu_count() or 1)


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, turning validation errors into one line that names the setting."""
    from pydantic import ValidationError

    from copilot.errors import ConfigError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        setting = f"COPILOT_{field.upper()}"
        raise ConfigError(
            setting,
            f"{first['msg']}; got {first.get('input')!r}",
            fix=f"set {setting} to a valid value or unset it (see docs/settings.md)",
        ) from None
