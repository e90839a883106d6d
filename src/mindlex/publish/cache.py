"""The CLI build's cache: what each output file depended on, and each article's findings.

Everything lives in `<root>/.mindlex-cache/` as engine store files (`mindlex.engine.store`),
whose checked header throws away anything written by another version or damaged; parsed
articles are kept by `mindlex.parsecache`. The cache can only save work, never change
output: every key (`mindlex.publish.deps`) is a digest of all the inputs of the thing it
stands for, and a reused output file must still have the size and modification time it had
when it was written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from mindlex.diagnostic import Diagnostic
from mindlex.engine.memo import digest
from mindlex.engine.store import code_fingerprint, read_checked, write_checked
from mindlex.glossary import Glossary
from mindlex.parsecache import CACHE_DIR, ParseCache, cache_root, pack_findings, unpack_findings
from mindlex.publish.deps import TermDeps, TermMatches, lint_keys, theme_digest
from mindlex.publish.writer import MARKER, SiteWriter, TreeId, tree_id

if TYPE_CHECKING:
    from mindlex.config import Config
    from mindlex.publish.pipeline import BuildOptions, BuildResult

log = logging.getLogger(__name__)

RACY_NS = 2_000_000_000
"""A file changed less than this before the last scan may have changed again unseen."""
SKIP_DIRS = {".git", ".hg", ".venv", "node_modules", "__pycache__", CACHE_DIR}

# -- what the last build wrote -----------------------------------------------------------------


Stat = tuple[int, int]
"""(mtime_ns, size) of a file."""
Replayed = tuple[list[Diagnostic], list[str], dict[str, str], list[Diagnostic]]
"""Diagnostics, published and withheld slugs, blocking errors of a build."""


@dataclass
class Manifest:
    """One output folder's last build: inputs seen, files written and their keys."""

    key: str
    """Digest of mindlex's code, the configuration and the build options."""
    out: str
    scanned_ns: int = 0
    inputs: dict[str, Stat] = field(default_factory=dict)
    files: dict[str, tuple[str, Stat]] = field(default_factory=dict)
    """Output path -> (key of its inputs, stat of the file as written)."""
    lint_shape: str = ""
    lint: dict[str, tuple[str, list[Diagnostic]]] = field(default_factory=dict)
    """Slug -> (digest of what its findings depend on, the findings)."""
    today: str = ""
    search: dict[str, str] = field(default_factory=dict)
    """Slug -> key of its rows in the `search.sqlite` listed in `files`."""
    result: Replayed | None = None
    """Diagnostics, published and withheld slugs, blocking errors: replayed when nothing
    changed."""
    terms: TermMatches | None = None
    """The term-link entries of the last render and those that matched in each article."""
    tree: TreeId | None = None
    """Identity of the output tree this manifest describes (`writer.tree_id`)."""
    dirs: dict[str, int] = field(default_factory=dict)
    """Folder of that tree -> its mtime_ns after the build: a folder whose entries
    someone added to or removed from since has a later time."""
    spare: Spare | None = None
    """The tree the build before left in `.<out>.spare`, if it is the one described."""
    joins: dict[str, str] = field(default_factory=dict)
    """Slug -> the key of the three lint parts its findings were joined from, when they
    were linted in parts (`pipeline._lint_in_parts`)."""

    def __getstate__(self) -> dict[str, object]:
        """The findings packed compactly (`pack_findings`) where they can be exactly;
        unpickling them was most of the cost of reading a large site's manifest. They are
        unpacked only when asked for (`findings`, `last_result`): a replayed build reads
        no findings by article, and an edit build no last result."""
        lint, last = self.findings(), self.last_result()
        state = dict(self.__dict__)
        later = {name: state.pop(name) for name in LATER if name in state}
        state["_later"] = pickle.dumps(later, protocol=pickle.HIGHEST_PROTOCOL)
        packed = pack_findings([d for _key, found in lint.values() for d in found])
        if packed is not None:
            state["lint"] = {}
            state["_lint"] = ([(s, k, len(f)) for s, (k, f) in lint.items()], packed)
        if last is not None:
            found = pack_findings([*last[0], *last[3]])
            if found is not None:
                state["result"] = None
                state["_result"] = ((len(last[0]), last[1], last[2]), found)
        return state

    def __getattr__(self, name: str) -> Any:
        """Called only for a field not set: one of `LATER`, still pickled."""
        later = self.__dict__.pop("_later", None) if name in LATER else None
        if later is None:
            raise AttributeError(name)
        try:
            found = pickle.loads(later)
        except Exception:  # damaged: as if the last build had stored none of them
            found = None
        values = found if isinstance(found, dict) else {}
        for field_name in LATER:
            self.__dict__[field_name] = values.get(field_name, _DEFAULTS[field_name]())
        return self.__dict__[name]

    def findings(self) -> dict[str, tuple[str, list[Diagnostic]]]:
        """Slug -> (key, findings) of the last build."""
        packed = self.__dict__.pop("_lint", None)
        if packed is not None:
            self.lint = _unpacked_lint(packed)
        return self.lint

    def last_result(self) -> Replayed | None:
        packed = self.__dict__.pop("_result", None)
        if packed is not None:
            self.result = _unpacked_result(packed)
        return self.result


_DAMAGE = (msgspec.MsgspecError, KeyError, IndexError, TypeError, ValueError)

LATER = ("search", "terms", "dirs", "spare", "joins")
"""Manifest fields pickled apart and read only when a build asks for them: a replayed
build needs none of them (they are a third of a large site's manifest)."""
_DEFAULTS: dict[str, Callable[[], object]] = {
    "search": dict,
    "terms": lambda: None,
    "dirs": dict,
    "spare": lambda: None,
    "joins": dict,
}


def _unpacked_lint(packed: Any) -> dict[str, tuple[str, list[Diagnostic]]]:
    """Findings by slug, from their packed form (damaged ones are none: re-lint all)."""
    try:
        slugs, blob = packed
        found = unpack_findings(blob)
        lint: dict[str, tuple[str, list[Diagnostic]]] = {}
        at = 0
        for slug, key, count in slugs:
            lint[slug] = (key, found[at : at + count])
            at += count
    except _DAMAGE:
        return {}
    return lint if at == len(found) else {}


def _unpacked_result(packed: Any) -> Replayed | None:
    try:
        (count, published, withheld), blob = packed
        found = unpack_findings(blob)
    except _DAMAGE:
        return None
    return (found[:count], published, withheld, found[count:])


@dataclass
class Spare:
    """A replaced site kept for the next build to update in place (`SiteWriter`)."""

    tree: TreeId
    files: dict[str, tuple[str, Stat]]
    dirs: dict[str, int]


def manifest_path(root: Path, out: Path, variant: str) -> Path:
    name = digest(str(out.resolve()), variant)[:16]
    return cache_root(root) / f"build-{name}.bin"


def load_manifest(path: Path, key: str) -> Manifest | None:
    found = read_checked(path, "build")
    if not isinstance(found, Manifest) or found.key != key:
        return None
    return found


def save_manifest(path: Path, manifest: Manifest) -> None:
    write_checked(path, "build", manifest)


def scan_inputs(root: Path, out: Path) -> dict[str, Stat]:
    """Stat every file below the root except the output, caches and version control."""
    found: dict[str, Stat] = {}
    skip = {out.resolve()}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS and not d.startswith(".") and (here / d).resolve() not in skip
        )
        for name in files:
            path = path_text(here, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found[path] = (st.st_mtime_ns, st.st_size)
    return found


def path_text(folder: Path, name: str) -> str:
    """`str(folder / name)` for a plain file name, without building a Path per file."""
    text = str(folder)
    if text == ".":
        return name
    return f"{text}{name}" if text.endswith(os.sep) else f"{text}{os.sep}{name}"


def unchanged_inputs(manifest: Manifest, now: dict[str, Stat]) -> bool:
    """True if every input has the stat it had, and none was too fresh to trust then."""
    if now != manifest.inputs:
        return False
    return all(mtime < manifest.scanned_ns - RACY_NS for mtime, _size in now.values())


def now_ns() -> int:
    return time.time_ns()


def stat_of(path: Path | str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def output_intact(manifest: Manifest, out: Path) -> bool:
    """Every file the manifest lists is still in `out`, as it was written."""
    if str(out.resolve()) != manifest.out or not (out / ".mindlex-site").exists():
        return False
    prefix = f"{out}{os.sep}"  # joined as text: a Path per file was most of a no-op build
    return all(stat_of(prefix + rel) == st for rel, (_key, st) in manifest.files.items())


@dataclass
class Reuse:
    """Carries unchanged files from the previous output into staging, and notes every key.

    A file is reused only when its key matches the previous build's and the file still has
    the size and time recorded when it was written. When staging is a spare tree (the site
    two builds ago, `SiteWriter`), a file it holds under the same key is kept where it is;
    otherwise the previous output's file is hard-linked (or copied across file systems).
    The previous site stays untouched until the swap.
    """

    base: str
    """Digest of code, configuration and options: part of every key."""
    previous: Manifest | None
    out: Path
    staging: Path
    keys: dict[str, str] = field(default_factory=dict)
    linked: list[str] = field(default_factory=list)
    search: dict[str, str] = field(default_factory=dict)
    """Slug -> key of its search rows in this build (`search.row_key`)."""
    _folders: set[str] = field(default_factory=set)
    """Folders of staging already made by `take` (one per article page)."""
    term_deps: TermDeps | None = None
    """This build's term-link matches, set by the render stage, saved for the next."""
    tree: dict[str, tuple[str, Stat]] = field(default_factory=dict)
    """What staging holds before the build touches it: the spare tree's files."""

    def last_terms(self) -> TermMatches:
        """The term-link matches of the last build (none if it had none)."""
        found = self.previous.terms if self.previous is not None else None
        whole = isinstance(found, TermMatches) and hasattr(found, "summaries")
        return found if whole else TermMatches()  # type: ignore[return-value]

    def take(self, rels: list[str], key: str) -> bool:
        """Keep or link `rels` from a previous output if all of them are current; note the
        key."""
        self.note(rels, key)
        old = self.previous
        if old is None or not rels:
            return False
        out, staging = str(self.out), str(self.staging)
        tree = self.tree
        links: list[str] = []
        for rel in rels:
            held = tree.get(rel)
            if held is not None and held[0] == key and stat_of(f"{staging}/{rel}") == held[1]:
                continue
            entry = old.files.get(rel)
            if entry is None or entry[0] != key or stat_of(f"{out}/{rel}") != entry[1]:
                return False
            links.append(rel)
        for rel in links:
            folder, _, _name = rel.rpartition("/")
            if folder and folder not in self._folders:
                os.makedirs(f"{staging}/{folder}", exist_ok=True)
                self._folders.add(folder)
            if rel in tree:
                with suppress(FileNotFoundError):
                    os.unlink(f"{staging}/{rel}")
            _link(f"{out}/{rel}", f"{staging}/{rel}")
        self.linked.extend(rels)
        return True

    def previous_file(self, rel: str) -> Path | None:
        """The last output's file `rel`, if the last build wrote it and it is unchanged."""
        old = self.previous
        entry = old.files.get(rel) if old is not None else None
        if entry is None or stat_of(self.out / rel) != entry[1]:
            return None
        return self.out / rel

    def note(self, rels: list[str], key: str) -> None:
        """Record the key of files rendered in this build."""
        for rel in rels:
            self.keys[rel] = key

    def group(self, key: str) -> list[str]:
        """The files the previous build wrote under `key` (the site-wide listing pages)."""
        if self.previous is None:
            return []
        return sorted(rel for rel, (k, _st) in self.previous.files.items() if k == key)

    def prune(self, written: list[str], spared: tuple[str, ...] = ()) -> None:
        """Delete what the spare tree holds that this build did not write or take, except
        files under the `spared` prefixes (stages still to come may take or rewrite them),
        and folders left empty."""
        if not self.tree:
            return
        done = {*self.keys, *written}
        gone = [
            rel
            for rel in self.tree
            if rel not in done and not any(rel.startswith(p) for p in spared)
        ]
        folders: set[str] = set()
        for rel in gone:
            with suppress(FileNotFoundError):
                os.unlink(self.staging / rel)
            del self.tree[rel]
            folder = rel.rpartition("/")[0]
            while folder:
                folders.add(folder)
                folder = folder.rpartition("/")[0]
        for folder in sorted(folders, key=len, reverse=True):
            with suppress(OSError):
                os.rmdir(self.staging / folder)  # only if empty


def scrub(staging: Path, spare: Spare) -> None:
    """Remove what someone added to a spare tree since it was built: the entries of any
    folder whose time moved that its file list does not name."""
    moved = [d for d, mtime in spare.dirs.items() if _mtime(staging / d) != mtime]
    if not moved:
        return
    names: dict[str, set[str]] = {}
    for rel in [*spare.files, MARKER]:
        parts = rel.split("/")
        for n in range(len(parts)):
            names.setdefault("/".join(parts[:n]), set()).add(parts[n])
    for folder in moved:
        wanted = names.get(folder, set())
        try:
            entries = list(os.scandir(staging / folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name in wanted:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with suppress(OSError):
                    os.unlink(entry.path)


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def folder_times(out: Path, rels: Iterable[str]) -> dict[str, int]:
    """mtime_ns of the output's root and of every folder holding one of `rels`."""
    folders = {""}
    for rel in rels:
        folder = rel.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    found: dict[str, int] = {}
    for folder in folders:
        mtime = _mtime(out / folder)
        if mtime is not None:
            found[folder] = mtime
    return found


def _link(source: str, target: str) -> None:
    """Hard-link `source` to `target` (whose folder exists), or copy it across devices."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# -- one build's use of the cache --------------------------------------------------------------


@dataclass
class Session:
    """Opens the cache before a build, answers what can be reused, and saves after it."""

    base: str
    root: Path
    out: Path
    today: str
    file: Path
    previous: Manifest | None
    scanned_ns: int
    inputs: dict[str, Stat]
    findings: dict[str, tuple[str, list[Diagnostic]]] = field(default_factory=dict)
    joined: dict[str, str] = field(default_factory=dict)
    """Slug -> join key of its findings (`Manifest.joins`), for this build's manifest."""
    _parsed: ParseCache | None = None

    @property
    def parsed(self) -> ParseCache:
        """Opened on first use: a replayed build never reads it."""
        if self._parsed is None:
            self._parsed = ParseCache.open(self.root)
        return self._parsed

    @classmethod
    def open(cls, config: Config, options: BuildOptions, today: dt.date) -> Session:
        base = digest(
            code_fingerprint(),
            theme_digest(),
            config.model_dump_json(),
            options.draft,
            options.live_reload,
            options.pagefind,
        )
        file = manifest_path(config.root, options.out, str(options.live_reload))
        scanned = now_ns()
        return cls(
            base,
            config.root,
            options.out,
            today.isoformat(),
            file,
            load_manifest(file, base),
            scanned,
            scan_inputs(config.root, options.out),
        )

    def replay(self, result: BuildResult) -> bool:
        """Fill `result` from the last build if no input changed and its output is intact."""
        old = self.previous
        if old is None or old.today != self.today:
            return False
        if not unchanged_inputs(old, self.inputs) or not output_intact(old, self.out):
            return False
        last = old.last_result()
        if last is None:
            return False
        result.diagnostics, result.published, result.withheld, result.blocking = last
        result.reused = sum(1 for key, _st in old.files.values() if key)
        result.written = True
        result.ok = not result.blocking
        return True

    def lint_keys(
        self, glossary: Glossary, reviews: Mapping[str, object], today: dt.date
    ) -> dict[str, str]:
        return lint_keys(self.base, glossary, reviews, today)

    def last_join(self, slug: str, key: str) -> list[Diagnostic] | None:
        """The last build's findings of `slug` if they were joined from parts with the same
        keys (their inputs are then the same), else None."""
        old = self.previous
        if old is None or old.joins.get(slug) != key:
            return None
        entry = old.findings().get(slug)
        return list(entry[1]) if entry is not None else None

    def cached_findings(self, keys: dict[str, str]) -> tuple[list[Diagnostic], list[str]]:
        """Findings still valid from the last build, and the slugs that must be linted."""
        old = self.previous.findings() if self.previous is not None else {}
        found: list[Diagnostic] = []
        stale: list[str] = []
        for slug, key in keys.items():
            entry = old.get(slug)
            if entry is not None and entry[0] == key:
                found.extend(entry[1])
                self.findings[slug] = entry
                if self.previous is not None and slug in self.previous.joins:
                    self.joined[slug] = self.previous.joins[slug]
            else:
                stale.append(slug)
        return found, stale

    def remember_findings(
        self, glossary: Glossary, keys: dict[str, str], stale: list[str], fresh: list[Diagnostic]
    ) -> None:
        """Store new findings per article; if one cannot be placed, store none of them."""
        owner = {str(glossary.articles[slug].path): slug for slug in stale}
        grouped: dict[str, list[Diagnostic]] = {slug: [] for slug in stale}
        for d in fresh:
            slug = owner.get(str(d.span.path))
            if slug is None:
                return
            grouped[slug].append(d)
        for slug, found in grouped.items():
            self.findings[slug] = (keys[slug], found)

    def spare(self) -> TreeId | None:
        """Identity of the spare tree the last build left, for `SiteWriter` to claim."""
        old = self.previous
        return old.spare.tree if old is not None and old.spare is not None else None

    def reuse(self, writer: SiteWriter) -> Reuse:
        reuse = Reuse(self.base, self.previous, self.out, writer.staging)
        old = self.previous
        if writer.reused and old is not None and old.spare is not None:
            scrub(writer.staging, old.spare)
            reuse.tree = dict(old.spare.files)
        return reuse

    def keep(self) -> TreeId | None:
        """Identity of the site in place, if it is the one the last build described: the
        swap keeps it as the spare only then."""
        old = self.previous
        if old is None or old.tree is None or tree_id(self.out) != old.tree:
            return None
        return old.tree

    def save(self, result: BuildResult, reuse: Reuse | None, writer: SiteWriter | None) -> None:
        """Record this build; after a failed one, keep describing the site still in place."""
        if self._parsed is not None:
            self._parsed.save()
        manifest = Manifest(self.base, str(self.out.resolve()), self.scanned_ns, today=self.today)
        manifest.lint = self.findings
        manifest.joins = self.joined
        old = self.previous
        if writer is None or reuse is None:
            if old is not None:  # the site and the spare are as the last build left them
                manifest.files, manifest.tree, manifest.dirs = old.files, old.tree, old.dirs
                manifest.spare = old.spare
        else:
            for rel in sorted({*writer.written, *reuse.keys}):
                st = stat_of(self.out / rel)
                if st is not None:
                    manifest.files[rel] = (reuse.keys.get(rel, ""), st)
            manifest.tree = tree_id(self.out)
            manifest.dirs = folder_times(self.out, manifest.files)
            if old is not None and old.tree is not None and tree_id(writer.spare) == old.tree:
                manifest.spare = Spare(old.tree, old.files, old.dirs)
            manifest.inputs = self.inputs
            manifest.search = reuse.search
            if reuse.term_deps is not None:
                manifest.terms = reuse.term_deps.now
            manifest.result = (
                result.diagnostics,
                result.published,
                result.withheld,
                result.blocking,
            )
        save_manifest(self.file, manifest)
