"""Mentor review: the feedback file a mentor sends back, and bringing it into the teacher's portfolio."""
