package web

// SlugWords lets the tests of package web_test call slugWords.
var SlugWords = slugWords
