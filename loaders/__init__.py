"""The pipeline: read articles, clean them, extract meeting records, write Parquet."""
