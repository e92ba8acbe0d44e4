"""The Qt shell: windows and widgets that draw what the core says."""
