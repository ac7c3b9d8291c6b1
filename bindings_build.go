//go:build bindings

package main

// generatingBindings is true in the build that `wails generate module` runs to write
// frontend/wailsjs: that run only lists the bound methods, so it needs no frontend.
const generatingBindings = true
