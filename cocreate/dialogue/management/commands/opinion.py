"""`cocreate opinion groups DIR [--json] [--seed N] [--no-replay] [--votes-per-update N]`: the
opinion groups of a Pol.is conversation, computed as Pol.is does, from an openData export folder
(comments.csv, participants-votes.csv and, when there is one, votes.csv). No database.

With --json, stdout holds exactly one JSON object:
    {"k": n, "groups": {"<participant id>": g}, "repness": {"<g>": [{"statement": "<id>",
     "direction": "agree"|"disagree", "score": x}]}, "consensus": [{"statement", "direction", "score"}]}
ids as strings as in the files, groups numbered 0…k-1, `groups` holding every participant placed
(everyone with at least min(7, statements) votes). Otherwise a short readable summary. The same
folder and seed (default 0) always give the same output.

When votes.csv gives times, the history is replayed in time order with an update every 500 votes
(--votes-per-update); without it, participants' votes are replayed in the order Pol.is numbered
the participants. --no-replay computes once on the final votes.

Exit status: 0 on success; 1 with a one-line message on stderr for a folder that cannot be read or
holds no votes; 2 for wrong usage.
"""

import argparse
import json
import sys
import time

from django.core.management.base import BaseCommand

from cocreate.algorithms.opinion_groups import OpinionGroups, opinion_groups
from cocreate.algorithms.polis_export import PolisExport, PolisExportError, read_polis_export


class Command(BaseCommand):
    help = "Opinion groups: `cocreate opinion groups DIR [--json] [--seed N] [--no-replay]`."
    # Reads files and prints: no database, so no system or migration checks.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        groups = actions.add_parser(
            "groups",
            help="the opinion groups of a Pol.is export folder (no database)",
            description="Compute the opinion groups of a Pol.is openData export folder as Pol.is does.",
        )
        groups.add_argument("folder", metavar="DIR", help="a Pol.is openData export folder")
        groups.add_argument("--json", action="store_true", help='print {"k", "groups", "repness", "consensus"} as JSON')
        groups.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
        groups.add_argument("--no-replay", action="store_true", help="compute once on the final votes")
        groups.add_argument(
            "--votes-per-update", type=positive, default=500, metavar="N", help="votes between updates (default 500)"
        )

    def handle(self, *args, action, **options):
        started = time.perf_counter()
        try:
            export = read_polis_export(options["folder"])
        except PolisExportError as problem:
            fail(str(problem))
        except OSError as error:
            fail(f"cannot read {options['folder']}: {error.strerror or error}")
        if export.num_votes == 0:
            fail(f"{options['folder']} holds no votes: there is nothing to group")
        result = opinion_groups(
            export.vote_participant,
            export.vote_statement,
            export.vote_value,
            num_participants=export.num_participants,
            num_statements=export.num_statements,
            moderated_out=export.moderated_out,
            vote_time=export.vote_time,
            seed=options["seed"],
            replay=not options["no_replay"],
            votes_per_update=options["votes_per_update"],
        )
        elapsed = time.perf_counter() - started
        if options["json"]:
            self.stdout.write(json.dumps(as_json(export, result), ensure_ascii=False))
        else:
            self.stdout.write(summary(export, result))
        sys.stderr.write(
            f"{export.num_votes} votes by {export.num_participants} participants "
            f"on {export.num_statements} statements, "
            f"{result.updates} update{'s' if result.updates != 1 else ''}, in {elapsed:.2f} s\n"
        )


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def fail(message: str) -> None:
    sys.stderr.write(f"cocreate opinion groups: {message}\n")
    sys.exit(1)


def as_json(export: PolisExport, result: OpinionGroups) -> dict:
    def statement(choice):
        return {
            "statement": export.statement_ids[choice.statement],
            "direction": choice.direction,
            "score": round(choice.score, 6),
        }

    return {
        "k": result.k,
        "groups": {pid: int(g) for pid, g in zip(export.participant_ids, result.group, strict=True) if g >= 0},
        "repness": {str(g): [statement(c) for c in chosen] for g, chosen in enumerate(result.representative)},
        "consensus": [statement(c) for c in result.consensus],
    }


def summary(export: PolisExport, result: OpinionGroups) -> str:
    def line(choice):
        text = " ".join(export.statement_texts[choice.statement].split()) if export.statement_texts else ""
        text = text[:70] + "…" if len(text) > 70 else text
        return f"    {choice.direction:<8} {export.statement_ids[choice.statement]:>6}  {text}"

    sizes = [int((result.group == g).sum()) for g in range(result.k)]
    lines = [
        f"{result.k} opinion group{'s' if result.k != 1 else ''} among {sum(sizes)} participants "
        f"who voted enough (of {export.num_participants})"
    ]
    for g, size in enumerate(sizes):
        lines.append(f"group {g}: {size} participants; representative statements:")
        lines += [line(c) for c in result.representative[g]] if g < len(result.representative) else []
    lines.append("consensus statements:" if result.consensus else "no consensus statements")
    lines += [line(c) for c in result.consensus]
    return "\n".join(lines)
