package completion

import "strings"

// pq quotes s for PowerShell: 'it”s'.
func pq(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// psList is a PowerShell array of ss: @('a', 'b').
func psList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = pq(s)
	}
	return "@(" + strings.Join(q, ", ") + ")"
}

// powershell writes the PowerShell script: a native argument completer
// for py, py.exe, pyw and pyw.exe. Where it offers nothing, PowerShell
// completes paths.
func powershell(m model) string {
	var b strings.Builder
	b.WriteString(header(m, "powershell", "PowerShell"))
	b.WriteString(`# Add "` + m.prog + ` --completion powershell | Out-String | Invoke-Expression" to $PROFILE.

Register-ArgumentCompleter -Native -CommandName ` + pq(m.prog) + `, ` + pq(m.prog+".exe") + `, ` + pq(m.prog+"w") + `, ` + pq(m.prog+"w.exe") + ` -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or ($_.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '') } | ForEach-Object { $_.Extent.Text })
    $n = $words.Count
    $prev = $words[$n - 1]
    $help = @{}
    $cands = @()
    if ($n -eq 1) {
`)
	for _, t := range m.tags {
		b.WriteString("        if ($wordToComplete.StartsWith(" + pq(t) + ")) {\n")
		b.WriteString("            $cands = @(& $words[0] --completion tags 2>$null | Where-Object { $_ } | ForEach-Object { " + pq(t) + " + $_ })\n")
		b.WriteString("        }\n")
	}
	if m.dashVersions {
		b.WriteString("        if ($wordToComplete -match '^-[0-9]') {\n")
		b.WriteString("            $cands = @(& $words[0] --completion tags 2>$null | Where-Object { $_ -match '^[0-9]' } | ForEach-Object { '-' + $_ })\n")
		b.WriteString("        }\n")
	}
	b.WriteString("        if ($cands.Count -eq 0) {\n")
	for _, w := range m.first {
		b.WriteString("            $help[" + pq(w.name) + "] = " + pq(firstLine(w.help)) + "\n")
	}
	b.WriteString("            $cands = " + psList(names(m.first)) + "\n")
	b.WriteString("            # A word that does not start with - may be the script: PowerShell completes paths when nothing else matches.\n")
	b.WriteString("            if ($wordToComplete -ne '' -and -not $wordToComplete.StartsWith('-')) { $cands = " + psList(commandNames(m)) + " }\n")
	b.WriteString("        }\n")
	b.WriteString("    } else {\n        switch -CaseSensitive ($words[1]) {\n")
	for _, v := range m.next {
		b.WriteString("            " + pq(v.name) + " { if ($n -eq 2) { $cands = " + psList(v.values) + " } }\n")
	}
	for _, c := range m.commands {
		psCommand(&b, c)
	}
	b.WriteString(`        }
    }
    foreach ($c in $cands) {
        if ($c.StartsWith($wordToComplete)) {
            $tip = $help[$c]
            if (-not $tip) { $tip = $c }
            [System.Management.Automation.CompletionResult]::new($c, $c, 'ParameterValue', $tip)
        }
    }
}
`)
	return b.String()
}

// psCommand writes the case of a command word.
func psCommand(b *strings.Builder, c command) {
	b.WriteString("            " + pq(c.name) + " {\n")
	for _, o := range c.options {
		b.WriteString("                $help[" + pq(o.name) + "] = " + pq(firstLine(o.help)) + "\n")
	}
	var files []string
	for _, v := range c.next {
		if v.values == nil {
			files = append(files, v.name)
		} else {
			b.WriteString("                if ($prev -ceq " + pq(v.name) + ") { $cands = " + psList(v.values) + "; break }\n")
		}
	}
	if len(files) > 0 {
		b.WriteString("                if (" + psList(files) + " -ccontains $prev) { break }\n")
	}
	for _, v := range c.eq {
		if v.values != nil {
			b.WriteString("                if ($wordToComplete.StartsWith(" + pq(v.name) + ")) { $cands = " + psList(v.joined()) + "; break }\n")
		}
	}
	switch {
	case c.words != nil:
		b.WriteString("                if ($wordToComplete.StartsWith('-')) { $cands = " + psList(names(c.options)) + " } elseif ($n -eq 2) { $cands = " + psList(c.words) + " }\n")
	case c.args:
		b.WriteString("                if ($wordToComplete.StartsWith('-')) { $cands = " + psList(names(c.options)) + " }\n")
	default:
		b.WriteString("                $cands = " + psList(names(c.options)) + "\n")
	}
	b.WriteString("            }\n")
}
