from wagtail.permission_policies import ModelPermissionPolicy


class LimitedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, minus actions that must never happen in the admin (e.g. adding a
    sign-up or a story by hand: those only come from the public forms)."""

    def __init__(self, model, forbidden=("add",), **kwargs):
        super().__init__(model, **kwargs)
        self.forbidden = set(forbidden)

    def user_has_permission(self, user, action):
        return action not in self.forbidden and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        allowed = [action for action in actions if action not in self.forbidden]
        return bool(allowed) and super().user_has_any_permission(user, allowed)
