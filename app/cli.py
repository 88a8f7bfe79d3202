"""The `kehoach` command: a thin translation between the shell and app.services.

Exit status: 0 success, 1 a review found missing or weaker mandates, 2 unusable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from app.domain.errors import KehoachError
from app.messages import both
from app.services import plans as plan_services

EXIT_INPUT = 2


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_INPUT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kehoach")
def main() -> None:
    """kehoach: soạn, kiểm tra và rà soát KẾ HOẠCH theo Nghị định 30/2020/NĐ-CP."""


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Tệp .docx hoặc thư mục")
def render(plan: Path, output: Path) -> None:
    """Tạo DOCX từ tệp kế hoạch PLAN (hoặc mọi tệp trong thư mục PLAN)."""
    try:
        if plan.is_dir():
            if output.exists() and not output.is_dir():
                fail(f"{output}: {both('output_not_dir')}")
            done = 0
            for source, out in plan_services.render_folder(plan, output):
                click.echo(f"{both('rendered')}: {source} -> {out}")
                done += 1
            if done == 0:
                fail(f"{plan}: {both('no_plans_in_folder')}")
        else:
            out = output / f"{plan.stem}.docx" if output.is_dir() else output
            plan_services.render_plan_file(plan, out)
            click.echo(f"{both('rendered')}: {plan} -> {out}")
    except KehoachError as exc:
        fail(str(exc))


@main.command("check-plan")
@click.argument("plan", type=click.Path(path_type=Path))
def check_plan(plan: Path) -> None:
    """Kiểm tra tệp kế hoạch PLAN, chỉ báo lỗi."""
    try:
        plan_services.check_plan(plan)
    except KehoachError as exc:
        fail(str(exc))
    click.echo(f"{plan}: {both('plan_ok')}")


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("schemas/plan.schema.json"))
def schema(output: Path) -> None:
    """Ghi JSON Schema của tệp kế hoạch (sinh từ các schema marshmallow)."""
    plan_services.write_schema(output)
    click.echo(f"{both('schema_written')}: {output}")


if __name__ == "__main__":
    main()
