"""/api/v1/votes/: the same selectors and services as the pages."""
from ninja import Router

router = Router()
