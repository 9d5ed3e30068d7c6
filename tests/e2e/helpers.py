"""Kept for branches that still import ``tests.e2e.helpers``: the helpers live in tests/helpers/e2e_helpers.py."""

from e2e_helpers import REPO, SITE, discoverable, manifest, newsmon, object_etags

__all__ = ["REPO", "SITE", "discoverable", "manifest", "newsmon", "object_etags"]
