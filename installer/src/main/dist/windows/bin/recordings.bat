@echo off
rem The auditor and support tool: list, show, verify and fetch recorded sessions (run "recordings --help").
rem Point it at the bucket with --config recorder.json, or --bucket and --region.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
rem Runs as you, not as SYSTEM: JNA, the JVM and JavaCPP keep their files under your own profile and %TEMP%,
rem never in the folder this runs from (an unzipped download or a share others may write to).
"%JAVA%" -Xmx512m -cp "%ROOT%\lib\*" dev.sessionrecorder.recordings.cli.RecordingsCli %*
exit /b %ERRORLEVEL%
