//go:build tools

// Blank import keeps the language host's package (and its dependencies) in go.mod under
// `go mod tidy`. The host lives inside github.com/pulumi/pulumi/sdk/v3 up to v3.68.0 only; the
// standalone module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is refused
// by the Go module proxy here (403).
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
)
