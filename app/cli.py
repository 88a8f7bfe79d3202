"""The `kehoach` command: a thin translation between the shell and app.services.

Exit status: 0 success, 1 a review found missing or weaker mandates, 2 unusable input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from app.cli_accounts import register as register_account_commands
from app.domain.errors import KehoachError
from app.messages import both

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

EXIT_INPUT = 2


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_INPUT)


HELP_TEXT = "Hiện hướng dẫn này rồi thoát / Show this message and exit."


class _Command(click.Command):
    """A command whose -h/--help option is described in Vietnamese too."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


class _Group(_Command, click.Group):
    command_class = _Command
    group_class = type  # sub-groups (kehoach db) are _Group as well


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kehoach", help="Hiện phiên bản rồi thoát / Show the version and exit.")
def main() -> None:
    """kehoach: soạn, kiểm tra và rà soát KẾ HOẠCH theo Nghị định 30/2020/NĐ-CP."""


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Tệp .docx hoặc thư mục")
def render(plan: Path, output: Path) -> None:
    """Tạo DOCX từ tệp kế hoạch PLAN (hoặc mọi tệp trong thư mục PLAN)."""
    from app.services import plans as plan_services  # rendering libraries: only for these commands

    try:
        if plan.is_dir():
            _render_folder(plan, output)
        else:
            out = output / f"{plan.stem}.docx" if output.is_dir() else output
            if out.suffix.lower() != ".docx":  # a DOCX saved as .pdf or .txt opens as garbage
                fail(f"{out}: {both('output_not_docx')}")
            for warning in plan_services.plan_warnings(plan_services.check_plan(plan)):
                click.echo(f"{plan}: {warning}", err=True)
            plan_services.render_plan_file(plan, out)
            click.echo(f"{both('rendered')}: {plan} -> {out}")
    except KehoachError as exc:
        fail(str(exc))
    except OSError as exc:  # unwritable folder, read-only disk, a file where a folder should be
        fail(f"{output}: {both('file_unwritable')} ({exc.strerror})")


def _render_folder(folder: Path, output: Path) -> None:
    """Render every plan of ``folder``; a bad plan is reported and the others still rendered
    (one typo must not cost the office the rest of the folder), then exit 2 if any failed."""
    from app.services import plans as plan_services  # rendering libraries: only for these commands

    if output.exists() and not output.is_dir():
        fail(f"{output}: {both('output_not_dir')}")
    sources = plan_services.plan_files_in(folder)
    if not sources:
        fail(f"{folder}: {both('no_plans_in_folder')}")
    failed = 0
    for source in sources:
        out = output / f"{source.stem}.docx"
        try:
            plan_services.render_plan_file(source, out)
        except KehoachError as exc:
            click.echo(str(exc), err=True)
            failed += 1
            continue
        click.echo(f"{both('rendered')}: {source} -> {out}")
    if failed:
        fail(f"{folder}: {both('folder_plans_failed')}: {failed}/{len(sources)}")


@main.command("check-plan")
@click.argument("plan", type=click.Path(path_type=Path))
def check_plan(plan: Path) -> None:
    """Kiểm tra tệp kế hoạch PLAN, chỉ báo lỗi."""
    from app.services import plans as plan_services  # rendering libraries: only for these commands

    try:
        loaded = plan_services.check_plan(plan)
    except KehoachError as exc:
        fail(str(exc))
    for warning in plan_services.plan_warnings(loaded):
        click.echo(f"{plan}: {warning}", err=True)
    click.echo(f"{plan}: {both('plan_ok')}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("schemas/plan.schema.json"),
    help="Tệp hoặc thư mục",
)
def schema(output: Path) -> None:
    """Ghi JSON Schema của tệp kế hoạch (sinh từ các schema marshmallow)."""
    from app.services import plans as plan_services  # rendering libraries: only for these commands

    target = output / "plan.schema.json" if output.is_dir() else output
    try:
        plan_services.write_schema(target)
    except OSError:
        fail(f"{target}: {both('file_unwritable')}")
    click.echo(f"{both('schema_written')}: {target}")


@main.command()
@click.argument("parent", type=click.Path(path_type=Path))
@click.argument("communes", type=click.Path(path_type=Path), required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Tệp .zip kết quả")
@click.option(
    "--all", "all_communes", is_flag=True, help="Mọi xã, phường của tỉnh theo danh mục (không cần COMMUNES)"
)
@click.option(
    "--accept-old-units",
    is_flag=True,
    help="Kế hoạch cấp trên trước 01/7/2025: chấp nhận danh sách theo đơn vị hành chính cũ",
)
@click.option("--pdf", is_flag=True, help="Kèm bản PDF (cần LibreOffice)")
@click.option("--workers", type=click.IntRange(min=0), default=0, help="Số tiến trình (0: mọi lõi CPU)")
@click.option(
    "--date", "date_", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Ngày ban hành YYYY-MM-DD"
)
def batch(
    parent: Path,
    communes: Path | None,
    output: Path,
    all_communes: bool,
    accept_old_units: bool,
    pdf: bool,
    workers: int,
    date_: object,
) -> None:
    """Tạo kế hoạch cho từng xã trong danh sách COMMUNES (.xlsx/.csv), hoặc cho mọi xã, phường
    của tỉnh (--all), từ kế hoạch cấp trên PARENT.

    Mỗi dòng của danh sách phải là một xã, phường, đặc khu của tỉnh trong danh mục đơn vị hành
    chính từ 01/7/2025; với kế hoạch cấp trên ban hành trước ngày đó, danh sách theo đơn vị cũ
    (thị trấn...) được nhận khi có --accept-old-units. Với --all, người ký để trống cho văn
    thư điền (chức vụ CHỦ TỊCH)."""
    import datetime as dt

    from tqdm import tqdm

    from app.render.batch import default_workers
    from app.render.pdf import LibreOfficeMissingError, pdf_available
    from app.services import batch as batch_services
    from app.services.documents import read_plan

    try:
        if pdf and not pdf_available():
            raise LibreOfficeMissingError()
        day = date_.date() if isinstance(date_, dt.datetime) else None
        if (communes is None) == (not all_communes):
            fail(both("communes_list_or_all"))
        plan = read_plan(parent)
        if communes is None:
            spec = batch_services.load_register_batch(plan, day)
        else:
            spec = batch_services.load_batch(plan, communes, day, accept_old_units)
    except KehoachError as exc:
        fail(str(exc))
    click.echo(f"{both('batch_started')}: {len(spec.items)}", err=True)
    try:
        with tqdm(total=len(spec.items), unit="xã", file=sys.stderr) as bar:
            outcome = batch_services.write_batch(
                spec, output, pdf=pdf, workers=workers or default_workers(), progress=bar.update
            )
    except OSError as exc:
        fail(f"{output}: {both('batch_output_error')} ({exc.strerror or exc})")
    click.echo(f"{both('batch_done')}: {output} ({outcome.done}, {outcome.rate:.1f}/s)")
    if outcome.failed:
        click.echo(f"{both('batch_failed_communes')}:", err=True)
        for unit, reason in outcome.failed:
            click.echo(f"  - {unit}: {reason}", err=True)
        sys.exit(1)


REVIEW_FORMATS = ("json", "html", "docx")


def _level_options(command: Callable[..., None]) -> Callable[..., None]:
    """--parent-level / --child-level, checked by the service so that a wrong value gets the
    same Vietnamese message (and exit status 2) as everywhere else, not click's English one."""
    from app.domain.levels import DEFAULT_LEVELS

    metavar = f"[{'|'.join(DEFAULT_LEVELS.ids())}]"
    for side in ("child", "parent"):
        command = click.option(
            f"--{side}-level",
            f"{side}_level",
            default=None,
            metavar=metavar,
            help=both(f"review_{side}_level_help"),
        )(command)
    return command


@main.command()
@click.argument("child", type=click.Path(path_type=Path))
@click.option(
    "--parent",
    "parents",
    type=click.Path(path_type=Path),
    required=True,
    multiple=True,
    help="Kế hoạch cấp trên (lặp lại khi thực hiện nhiều kế hoạch)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REVIEW_FORMATS),
    default="json",
    show_default=True,
    help=both("review_format_help"),
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Tệp kết quả (mặc định: màn hình)"
)
@_level_options
def review(
    child: Path,
    parents: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    parent_level: str | None,
    child_level: str | None,
) -> None:
    """Rà soát kế hoạch cấp dưới CHILD so với kế hoạch cấp trên PARENT.

    Kế hoạch thực hiện nhiều kế hoạch cấp trên: lặp lại --parent; kết quả có một phần cho mỗi
    kế hoạch cấp trên.

    Cấp của hai kế hoạch được suy ra từ cơ quan ban hành nếu không chọn bằng --parent-level,
    --child-level; điều được giả định được in ra cùng kết quả.

    Mã thoát: 0 bảo đảm đủ, 1 có chỉ tiêu/nhiệm vụ thiếu, thấp hơn, muộn hơn hoặc chưa rõ,
    2 dữ liệu vào không dùng được.
    """
    from app.services import review as review_services

    try:
        results = review_services.review_files_parents(child, parents, parent_level, child_level)
        _emit(review_services.render_reviews(results, fmt), fmt, output)
    except (KehoachError, OSError) as exc:
        fail(str(exc))
    for result in results:
        if len(results) > 1:
            click.echo(
                f"{both('review_parent_section')}: {result.parent.number_symbol or result.parent.id}",
                err=True,
            )
        for assumption in result.assumptions:
            click.echo(assumption, err=True)
        click.echo(result.summary.text, err=True)
    sys.exit(1 if any(r.has_faults for r in results) else 0)


@main.command("review-all")
@click.argument("parent", type=click.Path(path_type=Path))
@click.argument("children", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REVIEW_FORMATS[:2]),
    default="json",
    show_default=True,
    help=both("review_format_help"),
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Tệp kết quả (mặc định: màn hình)"
)
@_level_options
def review_all(
    parent: Path,
    children: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    parent_level: str | None,
    child_level: str | None,
) -> None:
    """Rà soát mọi kế hoạch cấp dưới CHILDREN và tổng chỉ tiêu phân bổ so với PARENT.

    --child-level đặt cấp cho mọi kế hoạch cấp dưới.
    """
    from app.review.formats import render_family
    from app.services import review as review_services

    if not children:  # checked here, not by click: its message would be English only
        fail(both("review_all_no_children"))
    try:
        family = review_services.review_family_files(parent, list(children), parent_level, child_level)
        _emit(render_family(family, fmt), fmt, output)
    except (KehoachError, OSError) as exc:
        fail(str(exc))
    for item in family.reviews:
        for assumption in item.assumptions:
            click.echo(f"{item.child.id}: {assumption}", err=True)
        click.echo(f"{item.child.id}: {item.summary.text}", err=True)
    for finding in family.findings:
        click.echo(f"{finding.rule} {finding.location}: {finding.message}", err=True)
    sys.exit(1 if family.has_faults else 0)


def _emit(data: bytes, fmt: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to standard output (text formats only)."""
    from app.render.atomic import write_atomic

    if output is not None:
        try:
            write_atomic(output, data)
        except OSError as exc:
            fail(f"{output}: {both('review_write_failed')} ({exc.strerror or exc})")
    elif fmt == "docx":
        fail(both("review_docx_needs_output"))
    else:
        click.echo(data.decode("utf-8"), nl=False)


@main.command("rules")
def rules_table() -> None:
    """Liệt kê các quy tắc kiểm tra: thể thức (ND0xx) và rà soát (KH0xx)."""
    from app.rules.format.catalogue import rows

    for row in rows():
        click.echo(f"{row.code}  {row.name:<22} {row.severity:<8} {row.requirement}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def lint(file: Path, fmt: str) -> None:
    """Kiểm tra thể thức tệp FILE.docx theo Nghị định 30/2020/NĐ-CP.

    Mã thoát: 0 không có lỗi, 1 có lỗi thể thức, 2 tệp không dùng được.
    """
    import json

    from app.extract.guard import MAX_UPLOAD_BYTES, MB, UnsafeFileError, check_upload_shallow
    from app.rules.format import lint_docx

    try:
        size = file.stat().st_size
        if size > MAX_UPLOAD_BYTES:  # refuse before reading it into memory
            limit = MAX_UPLOAD_BYTES // MB
            raise UnsafeFileError(
                file.name, "extract_upload_too_large", size_mb=f"{size / MB:.1f}", limit_mb=limit
            )
        data = file.read_bytes()
        check_upload_shallow(data, file.name)
        findings = lint_docx(data, file.name)
    except (KehoachError, OSError) as exc:
        if isinstance(exc, OSError):
            key = "file_not_found" if isinstance(exc, FileNotFoundError) else "file_unreadable"
            fail(f"{file}: {both(key)}")
        fail(str(exc))
        return
    if fmt == "json":
        items = [finding.as_dict() for finding in findings]
        click.echo(json.dumps({"file": str(file), "findings": items}, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(f"{file}: {finding.location}: {finding.rule} [{finding.severity}] {finding.message}")
        click.echo(both("fmt_summary").format(count=len(findings)), err=True)
    sys.exit(1 if findings else 0)


@main.group()
def db() -> None:
    """Cơ sở dữ liệu: cập nhật lược đồ (Alembic), nạp dữ liệu ban đầu."""


def _db_engine() -> Engine:
    from app.config import settings
    from app.storage.db import make_engine

    return make_engine(settings().database_url)


@db.command("upgrade")
def db_upgrade() -> None:
    """Đưa lược đồ cơ sở dữ liệu lên phiên bản mới nhất."""
    from app.storage.db import upgrade

    upgrade(_db_engine())
    click.echo(both("db_upgraded"))


SEED_PROVINCE = "Đồng Nai"  # the province of the samples


@db.command("seed")
@click.option(
    "--samples", type=click.Path(path_type=Path), default=None, help="Thư mục kế hoạch mẫu (samples/)"
)
@click.option(
    "--province",
    "provinces",
    multiple=True,
    help=f"Tạo UBND tỉnh, thành phố này và mọi xã, phường của nó theo danh mục (mặc định: {SEED_PROVINCE})",
)
@click.option("--all-provinces", is_flag=True, help="Tạo cả 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu")
def db_seed(samples: Path | None, provinces: tuple[str, ...], all_provinces: bool) -> None:
    """Tạo cây cơ quan (cây mẫu và các tỉnh, xã theo danh mục đơn vị hành chính), tài khoản quản
    trị đầu tiên (in mật khẩu) và nạp kế hoạch mẫu. Chạy lại không tạo thêm gì."""
    from app.config import settings
    from app.services.seed import seed
    from app.storage.db import make_session_factory, upgrade
    from app.vn import register

    if all_provinces:
        units = list(register.provinces())
    else:
        units = []
        for name in provinces or (SEED_PROVINCE,):
            unit = register.find(name, level=register.PROVINCE)
            if unit is None:
                fail(f"{both('communes_bad_province')}: {name!r}")
            else:
                units.append(unit)
    engine = _db_engine()
    upgrade(engine)
    try:
        with make_session_factory(engine)() as session:
            report = seed(session, samples or settings().samples_dir, units)
    except KehoachError as exc:
        fail(str(exc))
    click.echo(f"{both('agencies_created')}: {report.agencies}")
    if report.admin_password:
        click.echo(f"{both('admin_created')}: admin / {report.admin_password}")
    else:
        click.echo(both("admin_exists"))
    click.echo(f"{both('samples_loaded')}: {len(report.plans)}")


@main.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="Địa chỉ:cổng của web")
@click.option(
    "--workers", default=3, show_default=True, type=click.IntRange(1, 16), help="Số tiến trình web (gunicorn)"
)
@click.option(
    "--no-worker",
    is_flag=True,
    help="Chỉ chạy web, không chạy tiến trình xử lý lô (khi `kehoach worker` chạy trên máy khác)",
)
@click.option(
    "--queue-workers",
    type=click.IntRange(min=1),
    default=None,
    help="Số tiến trình xử lý lô (mặc định: số lõi CPU)",
)
@click.option(
    "--stop-with-parent",
    is_flag=True,
    help="Dừng khi tiến trình gọi lệnh này dừng (make run)",
)
def serve(
    bind: str, workers: int, no_worker: bool, queue_workers: int | None, stop_with_parent: bool
) -> None:
    """Chạy ứng dụng web (gunicorn) cùng tiến trình xử lý lô (Huey); Ctrl-C dừng tất cả.

    Cập nhật lược đồ trước khi mở cổng.
    """
    import logging

    from app import processes
    from app.render.batch import default_workers
    from app.storage.db import upgrade
    from app.web.server import gunicorn_command

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(message)s")
    if stop_with_parent:
        processes.stop_with_parent()
    upgrade(_db_engine())
    children = [processes.Child("web", gunicorn_command(bind, workers, "--access-logfile", "-"))]
    if not no_worker:
        children.append(processes.Child("worker", processes.worker_argv(queue_workers or default_workers())))
    sys.exit(processes.Supervisor(children).run())


@main.command()
@click.option(
    "-w", "--workers", type=click.IntRange(min=1), default=None, help="Số tiến trình (mặc định: số lõi CPU)"
)
@click.option("--threads", is_flag=True, help="Dùng luồng thay cho tiến trình")
def worker(workers: int | None, threads: bool) -> None:
    """Chạy tiến trình xử lý hàng đợi (Huey): tạo các lô kế hoạch chạy nền, tiếp tục lô dở dang."""
    from app.jobs import run_worker
    from app.render.batch import default_workers

    run_worker(workers or default_workers(), "thread" if threads else "process")


@main.command()
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="Tệp kế hoạch .json/.yaml"
)
def extract(document: Path, output: Path) -> None:
    """Đọc kế hoạch từ DOCUMENT (.docx, .pdf, .txt) và ghi ra tệp kế hoạch có cấu trúc."""
    from app.services.documents import extract_plan_file

    try:
        plan = extract_plan_file(document, output)
    except (KehoachError, OSError) as exc:
        fail(str(exc))
    summary = both("extract_summary").format(targets=len(plan.targets()), duties=len(plan.assignments()))
    click.echo(f"{both('extract_written')}: {document} -> {output} ({summary})")
    for note in plan.notes:
        click.echo(f"  - {note}", err=True)


register_account_commands(main)  # kehoach users, token, agencies (app/cli_accounts.py)

if __name__ == "__main__":
    main()
