"""/api/v1/intake/: the same selectors and services as the pages."""
from ninja import Router

router = Router()
