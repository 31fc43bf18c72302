module github.com/pylauncher/py

go 1.26.8
