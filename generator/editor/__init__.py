"""The form editor of `nastav serve`: records edited in the browser, saved as YAML."""
