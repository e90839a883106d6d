"""The preview server: the built site behind Starlette, with live reload."""
