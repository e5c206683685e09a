// Package testkit holds helpers that the tests of several packages share:
// checks that a clerk's message is in Chinese, and a workbook inflated to
// unpack far larger than it is. Only tests import it.
package testkit
