// Package problem is the error type of jianbao, shared by every package: a
// Problem is a kind of problem with a stable English code for programs
// (NOT_WHOLE_NUMBER, BAD_CONFIG), a sentence in Chinese saying what is
// wrong and a Chinese sentence saying how to fix it; an Error places a
// problem in a file, sheet and cell, with the value found there, and wraps
// its cause.
//
// Codes are data, never part of a message: Error methods give only the
// Chinese text, with the place. Code and Fix find the problem anywhere in
// an error's chain, so a package may wrap a problem with %w, add a detail
// in Chinese, put it in an Error, and the code and the advice still come
// through. Wrap ties a problem to a cause from outside (the operating
// system, a library) whose own text, often English, is kept in the chain
// but not shown; the usual system causes (a missing file, a denied
// permission, a full disk) are said in Chinese.
//
// The package never prints; the command line decides what to show and
// which exit status an error gives.
package problem
