"""``parindex verify``: does a downloaded results.json carry the portal's signature?"""

from __future__ import annotations

import argparse
from pathlib import Path

from parindex.cli.common import Reporter

EXIT_BAD_SIGNATURE = 1


def cmd_verify(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.io.signing import sha256_hex, verify_files

    data = Path(args.file)
    holds = verify_files(data, Path(args.signature), Path(args.public_key))
    digest = sha256_hex(data.read_bytes())
    if not holds:
        rep.err.print(
            f"[bold red]Chữ ký KHÔNG hợp lệ:[/bold red] {data.name} không phải tệp do khóa "
            f"{Path(args.public_key).name} ký (tệp đã bị sửa, hoặc sai chữ ký, sai khóa)",
            highlight=False,
        )
        rep.err.print(f"SHA-256 của tệp: {digest}", markup=False)
        return EXIT_BAD_SIGNATURE
    rep.print(f"Chữ ký hợp lệ: {data.name} đúng từng byte như khi công bố.")
    rep.print(f"SHA-256: {digest}")
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    verify = sub.add_parser(
        "verify",
        help="kiểm tra chữ ký Ed25519 của một tệp đã công bố (results.json)",
        parents=[common],
    )
    verify.add_argument("file", help="tệp tải về (results.json)")
    verify.add_argument("--signature", required=True, help="chữ ký rời (results.json.sig)")
    verify.add_argument(
        "--public-key", required=True, help="khóa công khai PEM của cổng (khoa-cong-khai.pem)"
    )
    verify.set_defaults(func=cmd_verify)
