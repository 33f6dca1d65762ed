"""Prefect flows of deid: `deid.flows.extract` holds the `deid-extract` flow."""
