//go:build tools

// Blank imports keep the commands' packages (and their dependencies) in go.mod under `go mod tidy`.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
