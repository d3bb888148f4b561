"""`cocreate budget ACTION …`: participatory budgets from the command line.

    cocreate budget count FILE.pb --rule greedy|mes|mes-add1|mes-add1-no-stop|mes-greedy [--json]
    cocreate budget import FILE.pb --space SLUG [--title NAME] [--by EMAIL]
    cocreate budget export --space SLUG --budget ID [--output FILE.pb]

`count` counts a Pabulib file with one rule, without touching the database. Only the rule is
applied, not the file's own extra limits (category caps, score thresholds). With --json, stdout
holds exactly one JSON object {"rule", "selected" (the funded project ids as written in the file,
sorted as strings), "cost"}; otherwise a readable table. Messages go to stderr.

Exit status: 0 on success; 1 with a one-line message on stderr for a file that cannot be read or
is not valid Pabulib (which line, and why); 2 for wrong usage.

`import` adds the file as a new budget of a budget space (projects on the ballot, pseudonymous
ballots), acting as the organiser given with --by (default: the first site administrator);
`export` writes a counted budget as a Pabulib file with pseudonymous ballots only.
"""

import json
import sys
import time

from django.core.management.base import BaseCommand

from cocreate.algorithms.budget_counting import Outcome, Reason, Rule, count
from cocreate.algorithms.pabulib import PabulibError, PabulibFile, read_pabulib

REASON_WORDS = {
    Reason.FUNDED: "funded",
    Reason.FUNDED_WITH_MONEY_LEFT: "funded with the money left",
    Reason.DID_NOT_FIT: "did not fit in the money left",
    Reason.SUPPORTERS_RAN_OUT: "its voters ran out of money",
    Reason.NO_SUPPORT: "no votes",
}


class Command(BaseCommand):
    help = "Participatory budgets: `cocreate budget count FILE.pb --rule mes [--json]`."
    # `count` reads a file and prints: no database, so no system or migration checks.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        add_count_arguments(
            actions.add_parser(
                "count",
                help="count a Pabulib file with one rule (no database)",
                description="Count a Pabulib (.pb) file with one rule, without touching the database.",
            )
        )

        imports = actions.add_parser("import", help="add a Pabulib file as a new budget of a space")
        imports.add_argument("file", metavar="FILE.pb", help="a Pabulib file")
        imports.add_argument("--space", required=True, help="the slug of a participatory budget space")
        imports.add_argument("--title", default="", help="the budget's name (default: from the file)")
        imports.add_argument("--by", default="", metavar="EMAIL", help="the organiser doing it (default: an admin)")
        exports = actions.add_parser("export", help="write a counted budget as a Pabulib file")
        exports.add_argument("--space", required=True, help="the slug of the space")
        exports.add_argument("--budget", required=True, type=int, help="the budget's number")
        exports.add_argument("--output", default="-", help="the file to write (default: stdout)")

    def handle(self, *args, action, **options):
        if action != "count":
            self.check(databases=["default"])  # the database actions run the checks `count` skips
        ACTIONS[action](self, options)


def add_count_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE.pb", help="a Pabulib file")
    parser.add_argument(
        "--rule", required=True, choices=[rule.value for rule in Rule], help="the counting rule to apply"
    )
    parser.add_argument("--json", action="store_true", help='print {"rule", "selected", "cost"} as JSON')


def count_file(command: BaseCommand, options: dict) -> None:
    path, rule = options["file"], Rule(options["rule"])
    started = time.perf_counter()
    try:
        pb = read_pabulib(path)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    except PabulibError as problem:
        fail(f"{path} is not a valid Pabulib file: {problem}")
    outcome = count(pb.election(), rule)
    elapsed = time.perf_counter() - started
    if options["json"]:
        summary = {"rule": rule.value, "selected": outcome.selected_ids(pb.project_ids), "cost": number(outcome.cost)}
        command.stdout.write(json.dumps(summary, ensure_ascii=False))
    else:
        command.stdout.write(table(pb, outcome))
    sys.stderr.write(
        f"{pb.num_voters} ballots, {pb.num_projects} projects counted with {rule.value} in {elapsed:.2f} s\n"
    )


def import_file(command: BaseCommand, options: dict) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from cocreate.accounts.models import Person
    from cocreate.budgets.pabulib_io import budget_import_pabulib
    from cocreate.spaces.models import Space

    space = Space.objects.filter(slug=options["space"]).first()
    if space is None:
        fail(f"there is no space {options['space']!r}")
    people = Person.objects.filter(is_active=True)
    person = (people.filter(email__iexact=options["by"]) if options["by"] else people.filter(is_superuser=True)).first()
    if person is None:
        fail(f"no active account {options['by']!r}" if options["by"] else "no site administrator: use --by EMAIL")
    try:
        pb = read_pabulib(options["file"])
        budget = budget_import_pabulib(person=person, space=space, pb=pb, title=options["title"])
    except OSError as error:
        fail(f"cannot read {options['file']}: {error.strerror or error}")
    except PabulibError as problem:
        fail(f"{options['file']} is not a valid Pabulib file: {problem}")
    except (PermissionDenied, ValidationError) as refusal:
        fail(" ".join(getattr(refusal, "messages", [str(refusal)])))
    command.stdout.write(
        f"imported budget {budget.pk} “{budget.title}”: {pb.num_projects} projects, {pb.num_voters} ballots"
    )


def export_file(command: BaseCommand, options: dict) -> None:
    from cocreate.budgets.models import Budget
    from cocreate.budgets.pabulib_io import budget_export_pabulib

    budget = Budget.objects.select_related("space").filter(pk=options["budget"], space__slug=options["space"]).first()
    if budget is None:
        fail(f"there is no budget {options['budget']} in the space {options['space']!r}")
    if not budget.results_published_at:
        fail("this budget is not counted yet: its ballots are exported with its results")
    text = budget_export_pabulib(budget=budget)
    if options["output"] == "-":
        command.stdout.write(text, ending="")
    else:
        with open(options["output"], "w", encoding="utf-8") as handle:
            handle.write(text)
        sys.stderr.write(f"wrote {options['output']}\n")


ACTIONS = {"count": count_file, "import": import_file, "export": export_file}


def fail(message: str) -> None:
    sys.stderr.write(f"cocreate budget: {message}\n")
    sys.exit(1)


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def table(pb: PabulibFile, outcome: Outcome) -> str:
    """Funded projects first (in the order funded), then the others by score."""
    names = pb.names
    rows = sorted(
        range(pb.num_projects),
        key=lambda j: (outcome.funding_order[j] < 0, outcome.funding_order[j], -outcome.scores[j], pb.project_ids[j]),
    )
    width = max([len("project"), *(len(pb.project_ids[j]) for j in rows)])
    lines = [
        f"{pb.meta.get('description', '')} — budget {number(pb.budget):,} {pb.meta.get('currency', '')}".strip(),
        f"rule {outcome.rule.value}"
        + (f", {outcome.increments} one-unit raises of each voter's share" if outcome.increments else ""),
        "",
        f"{'project':<{width}}  {'cost':>14}  {'score':>10}  result",
    ]
    for j in rows:
        name = names[j][:60] if names[j] else ""
        lines.append(
            f"{pb.project_ids[j]:<{width}}  {number(pb.costs[j]):>14,}  {number(outcome.scores[j]):>10,}  "
            f"{REASON_WORDS[outcome.reasons[j]]:<30}  {name}".rstrip()
        )
    lines += ["", f"{len(outcome.selected)} projects funded, costing {number(outcome.cost):,} of {number(pb.budget):,}"]
    return "\n".join(lines)
