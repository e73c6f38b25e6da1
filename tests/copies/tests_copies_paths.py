from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "copies"
SEED_003 = CORPUS / "seed003" / "republished.txt"
SEED_003_ORIGINAL = CORPUS / "seed003" / "original.json"
