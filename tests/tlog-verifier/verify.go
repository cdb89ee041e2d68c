// Command verify checks Consentry's transparency-log output with Go's own implementation of the same
// formats (golang.org/x/mod/sumdb/note and sumdb/tlog, from Debian's golang-golang-x-mod-dev), which nobody
// on the Consentry team wrote. It reads one JSON request on stdin and prints one line per check:
// "ok <what>" or "FAIL <what>: <why>"; it exits 1 when any check failed.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type request struct {
	VerifierKey string  `json:"verifierKey"`
	Checkpoint  string  `json:"checkpoint"`
	Leaves      []leaf  `json:"leaves"`
	Older       []older `json:"older"`
	Roots       []root  `json:"roots"`
}

// leaf: the record's data (base64) is leaf Index of the checkpoint's tree; Proof is the inclusion proof.
type leaf struct {
	Index int64    `json:"index"`
	Data  string   `json:"data"`
	Proof []string `json:"proof"`
}

// older: the tree of Size leaves with Root is a prefix of the checkpoint's tree; Proof is the consistency proof.
type older struct {
	Size  int64    `json:"size"`
	Root  string   `json:"root"`
	Proof []string `json:"proof"`
}

// root: the tree hash of the records (base64 data, in order) is Root.
type root struct {
	Records []string `json:"records"`
	Root    string   `json:"root"`
}

var failed bool

func report(what string, err error) {
	if err != nil {
		failed = true
		fmt.Printf("FAIL %s: %v\n", what, err)
	} else {
		fmt.Printf("ok %s\n", what)
	}
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Printf("FAIL request: %v\n", err)
		os.Exit(1)
	}
	for i, r := range req.Roots {
		report(fmt.Sprintf("root %d", i), checkRoot(r))
	}
	if req.Checkpoint != "" {
		size, th, err := openCheckpoint(req.VerifierKey, req.Checkpoint)
		report("checkpoint signature", err)
		if err == nil {
			for _, l := range req.Leaves {
				report(fmt.Sprintf("inclusion %d", l.Index), checkLeaf(l, size, th))
			}
			for _, o := range req.Older {
				report(fmt.Sprintf("consistency %d", o.Size), checkOlder(o, size, th))
			}
		}
	}
	if failed {
		os.Exit(1)
	}
}

func openCheckpoint(vkey, text string) (int64, tlog.Hash, error) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return 0, tlog.Hash{}, err
	}
	n, err := note.Open([]byte(text), note.VerifierList(v))
	if err != nil {
		return 0, tlog.Hash{}, err
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != v.Name() {
		return 0, tlog.Hash{}, fmt.Errorf("checkpoint origin %q is not the key's name %q", lines[0], v.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return 0, tlog.Hash{}, err
	}
	th, err := decodeHash(lines[2])
	return size, th, err
}

func checkLeaf(l leaf, size int64, th tlog.Hash) error {
	data, err := base64.StdEncoding.DecodeString(l.Data)
	if err != nil {
		return err
	}
	proof, err := decodeHashes(l.Proof)
	if err != nil {
		return err
	}
	return tlog.CheckRecord(tlog.RecordProof(proof), size, th, l.Index, tlog.RecordHash(data))
}

func checkOlder(o older, size int64, th tlog.Hash) error {
	oldRoot, err := decodeHash(o.Root)
	if err != nil {
		return err
	}
	proof, err := decodeHashes(o.Proof)
	if err != nil {
		return err
	}
	return tlog.CheckTree(tlog.TreeProof(proof), size, th, o.Size, oldRoot)
}

func checkRoot(r root) error {
	var hashes []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = hashes[x]
		}
		return out, nil
	})
	for i, rec := range r.Records {
		data, err := base64.StdEncoding.DecodeString(rec)
		if err != nil {
			return err
		}
		stored, err := tlog.StoredHashes(int64(i), data, reader)
		if err != nil {
			return err
		}
		hashes = append(hashes, stored...)
	}
	got, err := tlog.TreeHash(int64(len(r.Records)), reader)
	if err != nil {
		return err
	}
	want, err := decodeHash(r.Root)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("tree hash %s, Consentry said %s", got, want)
	}
	return nil
}

func decodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, fmt.Errorf("%q is not a base64 hash", s)
	}
	copy(h[:], b)
	return h, nil
}

func decodeHashes(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, 0, len(list))
	for _, s := range list {
		h, err := decodeHash(s)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}
