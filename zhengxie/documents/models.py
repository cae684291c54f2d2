# The documents app holds engines (xlsx, docx, pdf); it has no models.
