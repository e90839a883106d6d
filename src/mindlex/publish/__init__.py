"""Publishing: the build pipeline, its outputs, and the atomic swap into place."""
