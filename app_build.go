//go:build !bindings

package main

// generatingBindings is false in every build that users run.
const generatingBindings = false
