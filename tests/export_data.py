"""Shared data for the export tests: one entry of each visibility, a secret marker in the private ones."""

MARKER = "ZEBRA-SECRET-7731"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

FILES = {
    "profile.toml": 'visibility = "public"\n[[strengths]]\ntext = "Patient with twelve-year-olds"\n',
    "goals/public-goal.md": '+++\ntitle = "Public goal on rubrics"\nstatus = "active"\nschool_year = "2026-2027"\n'
                            'standards = ["ga-pl:5"]\nvisibility = "public"\n[[action_steps]]\ntext = "Draft rubric"\n'
                            'due = 2026-10-01\ndone = true\n+++\nRubrics *matter*.\n',
    "goals/mentor-goal.md": '+++\ntitle = "Mentor goal on planners"\nschool_year = "2026-2027"\nvisibility = "mentor"\n'
                            '+++\nPlanners.\n',
    "goals/private-goal.md": f'+++\ntitle = "Private goal {MARKER}"\nvisibility = "private"\n+++\nHidden {MARKER}.\n',
    "evidence/photo/index.md": '+++\ntitle = "Lab photo"\ndate = 2026-10-02\ngoals = ["public-goal", "private-goal"]\n'
                               'standards = ["ga-pl:5"]\nattachments = ["lab.png"]\nvisibility = "public"\n+++\nA photo.\n',
    "evidence/photo/lab.png": PNG,
    "evidence/secret/index.md": f'+++\ntitle = "Secret scan"\ndate = 2026-10-03\nattachments = ["scan.txt"]\n'
                                f'visibility = "private"\n+++\n{MARKER}\n',
    "evidence/secret/scan.txt": f"{MARKER} in an attachment",
    "evidence/link.md": '+++\ntitle = "Blog post"\ndate = 2026-10-04\nkind = "link"\n'
                        'url = "https://example.org/my-post"\nvisibility = "public"\n+++\nMy post.\n',
    "reflections/private-thoughts.md": f'+++\ntitle = "Private thoughts"\ndate = 2026-10-05\n'
                                       f'goals = ["public-goal"]\n+++\nI wrote {MARKER} here.\n',
    "reflections/shared.md": '+++\ntitle = "Shared reflection"\ndate = 2026-10-06\ngoals = ["mentor-goal"]\n'
                             'visibility = "mentor"\n+++\nWhat I learned about planners.\n',
    "activities/ws.md": '+++\ntitle = "Rubric workshop"\ndate = 2026-09-10\nhours = 3.0\nvisibility = "public"\n+++\n',
    "activities/private-course.md": f'+++\ntitle = "Course {MARKER}"\ndate = 2026-09-11\nhours = 40.0\n'
                                    f'visibility = "private"\n+++\n',
    "feedback/on-private.md": f'+++\ndate = 2026-10-07\nauthor = "Mentor"\nabout = "reflections/private-thoughts"\n'
                              f'visibility = "mentor"\n+++\nAbout your {MARKER} reflection.\n',
    "feedback/on-public.md": '+++\ndate = 2026-10-08\nauthor = "Mentor"\nabout = "goals/public-goal"\n'
                             'kind = "praise"\nvisibility = "public"\n+++\nLovely rubric.\n',
}
