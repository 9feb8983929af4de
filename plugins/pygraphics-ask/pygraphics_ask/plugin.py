"""The hooks through which PyGraphics finds this plugin (filled in as the GUI process lands)."""
