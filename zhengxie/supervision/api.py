"""/api/v1/proposals/supervision/: the same selectors and services as the pages."""
from ninja import Router

router = Router()
