#!/usr/bin/env python3
"""Converts a multilingual Hugo site to approdo's layout, as a new user moving a site would.

    python3 bench/foreign/hugo_to_approdo.py HUGO_SITE OUT [--languages en,ur,zh-cn] [--limit N]

Only the layout changes: `content/<lang>/a/b.md` (Hugo's contentDir per language) or
`content/a/b.<lang>.md` becomes `content/a/b.<lang>.md`, `_index.md` becomes `_index.<lang>.md`,
`a/index.md` (a leaf bundle) becomes `a.<lang>.md` with its files beside it. Front matter, links,
raw HTML and shortcodes are left exactly as the authors wrote them: making them work is approdo's
job, and this script must not hide what approdo cannot do yet. The theme and the UI strings come
from approdo's default site (the site's own Hugo layouts cannot be used).

`--exclude a,b/` leaves out pages whose key starts with one of these. `--limit N` keeps the N pages of the default language that have the most translations (and their
translations), for the small sample the tests build.
"""

import argparse
import os
import shutil
import sys
import tomllib
from pathlib import Path

RTL = {"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"}


def read_config(site: Path) -> dict:
    for name in ("hugo.toml", "config.toml", "config/_default/hugo.toml", "config/_default/config.toml"):
        p = site / name
        if p.is_file():
            return tomllib.loads(p.read_text(encoding="utf-8"))
    sys.exit(f"{site}: no hugo.toml or config.toml")


def languages(cfg: dict) -> list[dict]:
    default = cfg.get("defaultContentLanguage", "en")
    out = []
    for code, l in cfg.get("languages", {}).items():
        out.append({
            "code": code,
            "name": l.get("languageName", code).split(" (")[0],
            "dir": "rtl" if (l.get("languageDirection") == "rtl" or code.split("-")[0] in RTL) else "ltr",
            "content_dir": l.get("contentDir", cfg.get("contentDir", "content")),
            "weight": l.get("weight", 0),
        })
    out.sort(key=lambda l: (l["code"] != default, l["weight"], l["code"]))
    return out


def pages_of(site: Path, lang: dict, codes: set[str], shared_dir: bool) -> dict[str, Path]:
    """Relative target path without `.<lang>.md` → source file, for one language."""
    root = site / lang["content_dir"]
    found = {}
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        stem = rel.name[:-3]
        parts = stem.rsplit(".", 1)
        if len(parts) == 2 and parts[1] in codes:
            if parts[1] != lang["code"]:
                continue
            stem = parts[0]
        elif shared_dir and lang["code"] != DEFAULT[0]:
            continue  # an untagged file in a shared folder belongs to the default language
        if stem.startswith("_") and stem != "_index":
            continue  # Hugo archetype-like templates (`_TEMPLATE.md`)
        if stem == "index":  # a leaf bundle: the page is named after its folder
            if rel.parent == Path("."):
                stem, parent = "_index", Path(".")
            else:
                stem, parent = rel.parent.name, rel.parent.parent
        else:
            parent = rel.parent
        found[str(parent / stem)] = path
    return found


DEFAULT = ["en"]


def copy_referenced_static(static: Path, content: Path, out: Path) -> None:
    """For a sample: the files of `static/` that the kept pages name (`](/x)`, `src="/x"`)."""
    import re
    for page in content.rglob("*.md"):
        text = page.read_text(encoding="utf-8", errors="replace")
        for ref in re.findall(r'(?:\]\(|src=")/([^)"\s#?]+)', text):
            src = static / ref
            if src.is_file():
                (out / ref).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, out / ref)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--languages", default="")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--exclude", default="", help="page keys to leave out, comma-separated prefixes")
    ap.add_argument("--approdo", type=Path, default=Path(__file__).resolve().parents[2])
    args = ap.parse_args()
    cfg = read_config(args.site)
    langs = languages(cfg)
    if args.languages:
        keep = args.languages.split(",")
        langs = [l for l in langs if l["code"] in keep]
    DEFAULT[0] = cfg.get("defaultContentLanguage", langs[0]["code"])
    codes = {l["code"] for l in langs}
    shared_dir = len({l["content_dir"] for l in langs}) == 1
    per_lang = {l["code"]: pages_of(args.site, l, codes, shared_dir) for l in langs}
    excluded = [e for e in args.exclude.split(",") if e]
    for pages in per_lang.values():
        for key in [k for k in pages if any(k.startswith(e) for e in excluded)]:
            del pages[key]

    keep_keys = None
    if args.limit:
        ranked = sorted(per_lang[DEFAULT[0]], key=lambda k: (-sum(k in p for p in per_lang.values()), k))
        keep_keys = set(ranked[: args.limit])
        # Sections of kept pages need their _index pages.
        for k in list(keep_keys):
            parent = Path(k).parent
            while str(parent) != ".":
                keep_keys.add(str(parent / "_index"))
                parent = parent.parent
        keep_keys.add("_index")

    if args.out.exists():
        shutil.rmtree(args.out)
    content = args.out / "content"
    count = 0
    for code, pages in per_lang.items():
        for key, src in pages.items():
            if keep_keys is not None and key not in keep_keys:
                continue
            target = content / f"{key}.{code}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
            count += 1
            if src.name == "index.md" and keep_keys is None:  # a bundle's files go beside the page
                for f in src.parent.iterdir():
                    if f.is_file() and f.suffix != ".md":
                        shutil.copyfile(f, target.parent / f.name)
    if keep_keys is None:
        for l in langs:  # other files of the content folders (images next to pages)
            root = args.site / l["content_dir"]
            for f in root.rglob("*"):
                if f.is_file() and f.suffix != ".md" and not any(p.startswith(".") for p in f.parts):
                    dest = content / f.relative_to(root)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, dest)
        if (args.site / "static").is_dir():
            shutil.copytree(args.site / "static", args.out / "static", dirs_exist_ok=True)

    if keep_keys is not None and (args.site / "static").is_dir():
        copy_referenced_static(args.site / "static", content, args.out / "static")

    shutil.copytree(args.approdo / "themes/default", args.out / "themes/default")
    (args.out / "locales/en").mkdir(parents=True)
    shutil.copyfile(args.approdo / "locales/en/main.ftl", args.out / "locales/en/main.ftl")
    lines = [
        f'base_url = "{cfg.get("baseURL", "https://example.org/").rstrip("/")}"',
        f'default_language = "{DEFAULT[0]}"',
        'theme = "default"',
        "",
    ]
    for l in langs:
        lines += ["[[languages]]", f'code = "{l["code"]}"', f'name = "{l["name"]}"', f'dir = "{l["dir"]}"', ""]
    (args.out / "site.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"{count} pages in {len(langs)} languages → {args.out}")


if __name__ == "__main__":
    main()
