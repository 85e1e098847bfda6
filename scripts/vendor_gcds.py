"""Vendor the parts of the GC Design System (GCDS) that the portal uses into static/vendor/gcds/.

Run it only to change the pinned versions below (it needs Node's `npm`); the output is committed,
so `make run` and `make test` need no Node, no CDN and no build step:

    python scripts/vendor_gcds.py

It fetches each pinned package with `npm pack`, checks npm's integrity hash, and writes:

- gcds-tokens.css: the design tokens (CSS custom properties) of the base and global sets and of
  the components whose look the portal follows, concatenated from @gcds-core/tokens;
- gcds-fonts.css and fonts/*.woff2: Lato (headings) and Noto Sans (body) from @gcds-core/fonts,
  only the faces the stylesheet uses, with the URLs pointed at the vendored files;
- signature/*.svg: the Government of Canada signature and the Canada wordmark from
  @gcds-core/components, with their fill colours (set by the component's CSS in GCDS) written
  into the SVG so that they can be shown with a plain <img>;
- VENDORED.json: package, version, licence and integrity of everything above, and the
  LICENSE files the packages ship.

@gcds-core/css-shortcuts (1.2 MB of utility classes) is not vendored: the portal's own small
stylesheet uses the tokens directly.
"""

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "static" / "vendor" / "gcds"

TOKENS = ("@gcds-core/tokens", "1.5.0")
FONTS = ("@gcds-core/fonts", "1.1.1")
COMPONENTS = ("@gcds-core/components", "1.3.1")

TOKEN_FILES = [
    "build/web/css/base.css",
    "build/web/css/global.css",
    *(
        f"build/web/css/components/{name}.css"
        for name in (
            "header",
            "heading",
            "signature",
            "lang-toggle",
            "footer",
            "top-nav",
            "nav-link",
            "breadcrumbs",
            "button",
            "link",
            "input",
            "select",
            "textarea",
            "label",
            "hint",
            "error-message",
            "error-summary",
            "fieldset",
            "checkbox",
            "radio",
            "notice",
            "table",
            "details",
            "pagination",
        )
    ),
]
FONT_FILES = {
    "fonts/lato/gcds-lato.css": ["gcds-lato.woff2"],
    "fonts/noto-sans/gcds-noto-sans.css": [
        "gcds-noto-sans-regular.woff2",
        "gcds-noto-sans-regular-italic.woff2",
        "gcds-noto-sans-semibold.woff2",
        "gcds-noto-sans-bold.woff2",
    ],
}
FONT_LICENCES = {
    "fonts/lato/LICENSE.txt": "LICENSE-lato.txt",
    "fonts/noto-sans/LICENSE.txt": "LICENSE-noto-sans.txt",
}
SIGNATURE_DIR = "dist/collection/components/gcds-signature/assets"
SIGNATURES = ["sig-blk-en.svg", "sig-blk-fr.svg", "wmms-spl-en.svg", "wmms-spl-fr.svg"]


def npm_pack(name: str, version: str, workdir: Path) -> tuple[Path, dict]:
    """Download name@version's tarball with npm, verify its integrity, unpack it; the package
    directory and npm's metadata (license, integrity)."""
    spec = f"{name}@{version}"
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(out.stdout)[0]
    tarball = workdir / info["filename"]
    algorithm, expected = info["integrity"].split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        sys.exit(f"{spec}: integrity mismatch")
    target = workdir / info["filename"].removesuffix(".tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    package = target / "package"
    meta = json.loads((package / "package.json").read_text())
    return package, {
        "package": name,
        "version": meta["version"],
        "license": meta.get("license", ""),
        "integrity": info["integrity"],
        "homepage": meta.get("homepage", ""),
    }


def vendor_tokens(package: Path) -> list[str]:
    parts = [f"/* {TOKENS[0]}@{TOKENS[1]}, MIT licence: see LICENSE-tokens.txt */"]
    for name in TOKEN_FILES:
        text = (package / name).read_text()
        text = re.sub(r"/\*\*\n \* Do not edit directly.*?\*/\n", "", text, flags=re.S)
        parts.append(f"/* {name.removeprefix('build/web/css/')} */\n{text.strip()}")
    (DEST / "gcds-tokens.css").write_text("\n".join(parts) + "\n")
    shutil.copy(package / "LICENSE", DEST / "LICENSE-tokens.txt")
    return ["gcds-tokens.css", "LICENSE-tokens.txt"]


def vendor_fonts(package: Path) -> list[str]:
    written = []
    fonts = DEST / "fonts"
    fonts.mkdir()
    css = [f"/* {FONTS[0]}@{FONTS[1]}: Lato and Noto Sans, SIL Open Font License 1.1 */"]
    for stylesheet, keep in FONT_FILES.items():
        text = (package / stylesheet).read_text()
        for block in re.findall(r"@font-face \{.*?\}", text, flags=re.S):
            woff2 = re.search(r'url\("path/to/file/([^"]+\.woff2)"\)', block).group(1)
            if woff2 not in keep:
                continue
            block = re.sub(
                r"src: .*?;", f'src: url("fonts/{woff2}") format("woff2");', block, flags=re.S
            )
            css.append(block.replace("font-style", "font-display: swap;\n  font-style"))
            shutil.copy(package / Path(stylesheet).parent / woff2, fonts / woff2)
            written.append(f"fonts/{woff2}")
    (DEST / "gcds-fonts.css").write_text("\n".join(css) + "\n")
    for source, name in FONT_LICENCES.items():
        shutil.copy(package / source, DEST / name)
        written.append(name)
    return ["gcds-fonts.css", *written]


def vendor_signatures(package: Path, tokens: Path) -> list[str]:
    css = (tokens / "build/web/css/components/signature.css").read_text()
    flag = re.search(r"--gcds-signature-color-flag: (#[0-9a-f]+)", css).group(1)
    text = re.search(r"--gcds-signature-color-text: (#[0-9a-f]+)", css).group(1)
    folder = DEST / "signature"
    folder.mkdir()
    for name in SIGNATURES:
        svg = (package / SIGNATURE_DIR / name).read_text()
        svg = svg.replace('class="fip_flag"', f'class="fip_flag" fill="{flag}"')
        svg = svg.replace('class="fip_text"', f'class="fip_text" fill="{text}"')
        (folder / name).write_text(svg)
    return [f"signature/{name}" for name in SIGNATURES]


def main() -> None:
    if shutil.which("npm") is None:
        sys.exit("npm is needed to refresh the vendored GCDS files (they are committed).")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        tokens, tokens_meta = npm_pack(*TOKENS, workdir)
        fonts, fonts_meta = npm_pack(*FONTS, workdir)
        components, components_meta = npm_pack(*COMPONENTS, workdir)
        if DEST.exists():
            shutil.rmtree(DEST)
        DEST.mkdir(parents=True)
        tokens_meta["files"] = vendor_tokens(tokens)
        fonts_meta["files"] = vendor_fonts(fonts)
        fonts_meta["license"] += " (package); fonts: SIL Open Font License 1.1"
        components_meta["files"] = vendor_signatures(components, tokens)
        components_meta["note"] = (
            "The signature and the wordmark are the Government of Canada's Federal Identity "
            "Program symbols, for use by federal institutions under the FIP; the package is MIT. "
            "Fill colours from the tokens' signature component were written into the SVGs."
        )
    manifest = {
        "generated_by": "scripts/vendor_gcds.py",
        "packages": [tokens_meta, fonts_meta, components_meta],
    }
    (DEST / "VENDORED.json").write_text(json.dumps(manifest, indent=2) + "\n")
    total = sum(p.stat().st_size for p in DEST.rglob("*") if p.is_file())
    print(f"Vendored into {DEST.relative_to(ROOT)}: {total // 1024} KiB")


if __name__ == "__main__":
    main()
