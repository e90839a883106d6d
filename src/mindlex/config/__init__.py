"""Site settings from mindlex.toml."""

from mindlex.config.load import CONFIG_NAME, load_config
from mindlex.config.schema import Config

__all__ = ["CONFIG_NAME", "Config", "load_config"]
