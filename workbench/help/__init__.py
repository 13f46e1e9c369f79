"""The in-app help: what the states, roles, flag kinds, scores and ratings mean."""
