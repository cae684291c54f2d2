"""/api/v1/proposals/intelligence/: similar proposals, 并案 suggestions, unit suggestions, reply hints."""
from ninja import Router

router = Router()
