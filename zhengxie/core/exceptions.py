class ApplicationError(Exception):
    """A refusal a user should read: the message is Chinese and says what to do."""

    def __init__(self, message: str, *, field: str | None = None, errors: list | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or []


class TransitionNotAllowed(ApplicationError):
    def __init__(self, state_label: str, action_label: str):
        super().__init__(f"当前状态为「{state_label}」，不能执行「{action_label}」。")
