"""/api/v1/proposals/topics/: the same selectors and services as the pages."""
from ninja import Router

router = Router()
