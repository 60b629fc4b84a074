@echo off
rem AppStream SessionStart script (context: system). Starts the recorder as SYSTEM in the session
rem of the user and returns once it captures, inside the 60 s AppStream limit. Output goes to the
rem AppStream logs bucket when s3LogEnabled is true.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
"%JAVA%" -Xmx128m "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.hooks.HooksCli session-start --config "%ROOT%\config\recorder.json" --budget-seconds 55 %*
exit /b %ERRORLEVEL%
