"""/api/v1/proposals/appraisals/: the same selectors and services as the pages."""
from ninja import Router

router = Router()
