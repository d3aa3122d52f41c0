package main

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// The OpenAPI document is assembled from one fragment per capability
// (openapi/<capability>.json, each with "paths" and "components"), merged
// into base.json. A test keeps the result in step with the registered routes.
//
//go:embed openapi/*.json
var openAPIFragments embed.FS

var openAPIDocument = mustBuildOpenAPI()

func mustBuildOpenAPI() []byte {
	doc, err := buildOpenAPI(openAPIFragments)
	if err != nil {
		panic(err)
	}
	return doc
}

func buildOpenAPI(fsys fs.FS) ([]byte, error) {
	var doc map[string]any
	b, err := fs.ReadFile(fsys, "openapi/base.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("openapi/base.json: %w", err)
	}
	paths := doc["paths"].(map[string]any)
	components := doc["components"].(map[string]any)
	names, err := fs.Glob(fsys, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if name == "openapi/base.json" {
			continue
		}
		var frag struct {
			Paths      map[string]any            `json:"paths"`
			Components map[string]map[string]any `json:"components"`
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &frag); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for p, v := range frag.Paths {
			if _, dup := paths[p]; dup {
				return nil, fmt.Errorf("%s: path %s defined twice", name, p)
			}
			paths[p] = v
		}
		for section, entries := range frag.Components {
			target, _ := components[section].(map[string]any)
			if target == nil {
				target = map[string]any{}
				components[section] = target
			}
			for k, v := range entries {
				if _, dup := target[k]; dup {
					return nil, fmt.Errorf("%s: component %s/%s defined twice", name, section, k)
				}
				target[k] = v
			}
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}
