@echo off
rem The auditor and support tool: list, show, verify and fetch recorded sessions (run "recordings --help").
rem Point it at the bucket with --config recorder.json, or --bucket and --region.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
"%JAVA%" -Xmx512m -cp "%ROOT%\lib\*" dev.sessionrecorder.recordings.cli.RecordingsCli %*
exit /b %ERRORLEVEL%
