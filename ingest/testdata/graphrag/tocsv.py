"""Converts the dulce/ Parquet tables to CSV as users do with pandas:
pd.read_parquet(f).to_csv(g). List columns come out as NumPy prints arrays
(['a' 'b'], wrapped over lines). Run: pip install pandas pyarrow && python3 tocsv.py"""
import os
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
src, dst = os.path.join(here, "dulce"), os.path.join(here, "dulce-csv")
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    if name.endswith(".parquet"):
        pd.read_parquet(os.path.join(src, name)).to_csv(os.path.join(dst, name[: -len(".parquet")] + ".csv"))
