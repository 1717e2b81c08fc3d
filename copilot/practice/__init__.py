"""Daily practice: the drill of the day, said back and scored."""
